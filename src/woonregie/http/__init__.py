"""What the two HTTP edges (the JSON API and the Dutch pages) share: the request's unit of work,
authentication (bearer token or session cookie with CSRF), the input models both validate with
and the Dutch validation messages. `api` and `web` import this, never each other."""
