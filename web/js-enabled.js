// Marks <body> so GOV.UK Frontend's styles and components know scripts run; an external file
// because the Content-Security-Policy allows no inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
