// Starts Swagger UI on /api/v1/docs. A file of our own rather than an inline script, so the
// page runs under the same Content-Security-Policy as every other page (no 'unsafe-inline').
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false, // a bearer token is not kept in localStorage
    validatorUrl: null // no call to the public validator service
  });
})();
