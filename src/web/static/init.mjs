// Progressive enhancement for every page: marks the body as supported, so the NHS.UK styles
// hide conditional questions until their box is ticked, and starts the NHS.UK components.
// A file rather than an inline script, so the Content-Security-Policy (script-src 'self')
// allows it. Pages work without it.
import { initAll } from '/assets/nhsuk/nhsuk-frontend.min.js'

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported')
initAll()

// A print button, shown only where it can work; without scripts the page says to use the
// browser's own print command.
for (const button of document.querySelectorAll('[data-linkway-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
