// Lists every Content-Security-Policy violation on the page, so a reader (or
// a test) can see that the widget causes none.
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample}`);
  const list = document.getElementById('violations');
  if (list) list.textContent = `Violations: ${violations.join('; ')}`;
});
window.cspViolations = violations;
