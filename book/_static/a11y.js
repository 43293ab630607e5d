// Added to every page by book/_ext/a11y_overrides.py. WCAG 2.5.3 (Label in Name): a control's
// accessible name contains its visible text, so that a speech user can say what they see.
document.addEventListener("DOMContentLoaded", () => {
  // pydata-sphinx-theme's search fields show "Search Ctrl+K" but are named "Search" by
  // aria-label; without it, their name is their visible text.
  document.querySelectorAll(".search-button-field[aria-label]")
    .forEach((button) => button.removeAttribute("aria-label"));

  // myst-nb names every hide-input toggle "Toggle hidden content", whatever it shows
  // ("Show the reference solution" here); without aria-label, it is named by what it shows.
  document.querySelectorAll('summary[aria-label="Toggle hidden content"]')
    .forEach((summary) => summary.removeAttribute("aria-label"));

  // The theme's colour-mode button shows one icon titled with the current mode ("Light",
  // "Dark", "System Settings") but is named "Color mode": name it "Color mode: <title>",
  // and again whenever the theme changes the mode on <html data-mode>.
  const html = document.documentElement;
  const nameModeButtons = () => document.querySelectorAll(".theme-switch-button").forEach((button) => {
    const icon = button.querySelector(`.theme-switch[data-mode="${html.dataset.mode}"]`);
    if (icon) button.setAttribute("aria-label", `Color mode: ${icon.title}`);
  });
  nameModeButtons();
  new MutationObserver(nameModeButtons).observe(html, {attributes: true, attributeFilter: ["data-mode"]});
});

// The Jupyter widgets' sliders (@jupyter-widgets/html-manager, noUiSlider) have a handle with
// role="slider" and no name (axe aria-input-field-name, WCAG 4.1.2); the widget's visible
// description is a <label> beside it that is not tied to the handle. Name each handle by that
// label, once the widgets, which render after the page has loaded, are in the page.
if (document.querySelector('script[type="application/vnd.jupyter.widget-view+json"]')) {
  const nameSliderHandles = () => document.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])")
    .forEach((handle) => {
      const label = handle.closest(".widget-slider").querySelector(".widget-label");
      if (label && label.textContent.trim()) handle.setAttribute("aria-label", label.textContent.trim());
    });
  new MutationObserver(nameSliderHandles).observe(document.documentElement, {childList: true, subtree: true});
}
