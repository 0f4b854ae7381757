# The files web/build.sh writes, served under /assets/ (keep in step with web/build.sh).
set(WEB_ASSETS app.css govuk-frontend.min.js js-enabled.js init.mjs favicon.svg
    images/govuk-crest.svg)
