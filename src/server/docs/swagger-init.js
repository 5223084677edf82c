// Starts Swagger UI on the page's spec URL (served as a file: the page's CSP allows no inline script).
const root = document.getElementById('swagger-ui');
window.ui = SwaggerUIBundle({ dom_id: '#swagger-ui', url: root.dataset.specUrl });
