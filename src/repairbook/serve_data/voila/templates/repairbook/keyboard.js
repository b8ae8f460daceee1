/* repairbook: the keyboard on our forms. Included by index.html.j2 through Jinja, so no
   brace here is followed by another brace, a percent sign or a hash.

   - A rating (a slider whose first stop is "not answered", class rb-rating) takes a typed
     number: "7" jumps to 7, "1" then "0" quickly to 10; Backspace or Delete set it back
     to "not answered"; Home and End (noUiSlider's own) go to either end.
   - Its handle reads "not answered" or the number to a screen reader (noUiSlider would say
     the position, so "1" for 0), and its readout is plain text, not a second tab stop
     where typing changes only the picture.
   - A yes/no answer in a form is one tab stop, like a pair of radio buttons: the arrow keys
     choose, Space or Enter choose the one in focus.
   - A button that was disabled for a moment while its action ran (and so lost the focus)
     gets the focus back.
   - The "Skip to today's check-in" link (the page's first tab stop, moved to just before
     the app) shows only while a check-in is on the page and takes the focus to its first
     rating.

   Every change goes through the widget's own view (noUiSlider's key handling, a button's
   click), so the value reaches the kernel exactly as an arrow key or a click would. */
(function () {
  "use strict";

  /* -- ratings ------------------------------------------------------------------------- */
  function press(handle, key) {
    handle.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true }));
  }

  function lowest(rating) {
    var m = /(?:^|\s)rb-rating-from-(\d+)(?:\s|$)/.exec(rating.className);
    return m ? parseInt(m[1], 10) : 0;
  }

  /* stop 0 is "not answered", stop i is the number lowest + i - 1 */
  function moveTo(handle, stop) {
    var target = handle.closest(".noUi-target");
    if (!target || !target.noUiSlider || target.hasAttribute("disabled")) { return; }
    if (stop <= 0) { press(handle, "Home"); return; }
    /* one step short without telling the widget, then noUiSlider's own ArrowRight: the
       widget hears one change, the same as from the arrow key */
    target.noUiSlider.set(stop - 1);
    press(handle, "ArrowRight");
  }

  var typed = { handle: null, digit: -1, at: 0 };

  function onRatingKey(event, handle, rating) {
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    if (event.key === "Backspace" || event.key === "Delete") {
      event.preventDefault();
      moveTo(handle, 0);
      return;
    }
    if (!/^[0-9]$/.test(event.key)) { return; }
    event.preventDefault();
    var lo = lowest(rating);
    var stops = Math.round(parseFloat(handle.getAttribute("aria-valuemax") || "0"));
    var hi = lo + stops - 1;
    var digit = parseInt(event.key, 10);
    var value = digit;
    var now = Date.now();
    /* two digits typed quickly make one number, as in a list: "1" then "0" is 10 */
    if (typed.handle === handle && typed.digit >= 0 && now - typed.at < 1000) {
      var both = typed.digit * 10 + digit;
      if (both >= lo && both <= hi) { value = both; }
    }
    typed = { handle: handle, digit: digit, at: now };
    if (value < lo || value > hi) { return; }
    moveTo(handle, value - lo + 1);
  }

  /* -- yes/no answers -------------------------------------------------------------------- */
  var labelCount = 0;

  function answerButtons(group) {
    return Array.prototype.slice.call(group.querySelectorAll("button.widget-toggle-button"));
  }

  function tidyAnswer(group) {
    var buttons = answerButtons(group);
    if (!buttons.length) { return; }
    var box = buttons[0].parentNode;
    if (box.getAttribute("role") !== "radiogroup") { box.setAttribute("role", "radiogroup"); }
    var label = group.querySelector(".widget-label");
    if (label && label.textContent.trim()) {
      if (!label.id) { labelCount += 1; label.id = "rb-answer-label-" + labelCount; }
      if (box.getAttribute("aria-labelledby") !== label.id) { box.setAttribute("aria-labelledby", label.id); }
    }
    var chosen = buttons.filter(function (b) { return b.classList.contains("mod-active"); })[0];
    var stop = chosen || buttons[0];
    buttons.forEach(function (b) {
      var checked = b === chosen ? "true" : "false";
      var tab = b === stop ? "0" : "-1";
      if (b.getAttribute("role") !== "radio") { b.setAttribute("role", "radio"); }
      if (b.getAttribute("aria-checked") !== checked) { b.setAttribute("aria-checked", checked); }
      if (b.getAttribute("tabindex") !== tab) { b.setAttribute("tabindex", tab); }
    });
  }

  function onAnswerKey(event, button, group) {
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step || event.ctrlKey || event.altKey || event.metaKey) { return; }
    var buttons = answerButtons(group).filter(function (b) { return !b.disabled; });
    var at = buttons.indexOf(button);
    if (at < 0 || buttons.length < 2) { return; }
    event.preventDefault();
    var next = buttons[(at + step + buttons.length) % buttons.length];
    next.focus();
    next.click();  /* as with radio buttons, the one in focus is the one chosen */
  }

  /* -- the skip link --------------------------------------------------------------------- */
  function firstCheckinStop() {
    return document.querySelector(".rb-checkin .noUi-handle, .rb-checkin button, .rb-checkin select");
  }

  function tidySkip() {
    var link = document.querySelector(".rb-skip-checkin");
    if (!link) { return; }
    var hide = !firstCheckinStop();
    if (link.hidden !== hide) { link.hidden = hide; }
    /* just before the app, so it is the first stop also after a click on the page around
       it (Tab goes on from where the page was last clicked) */
    var app = document.querySelector(".rb-app");
    if (app && app.parentNode && app.previousElementSibling !== link && document.activeElement !== link) {
      app.parentNode.insertBefore(link, app);
    }
  }

  function skip(event) {
    var stop = firstCheckinStop();
    if (!stop) { return; }
    event.preventDefault();
    stop.focus();
    stop.scrollIntoView({ block: "center" });
  }

  /* -- the focus through a busy moment ----------------------------------------------------- */
  /* A button is disabled while its action runs (ui/busy.py marks it rb-busy), and a
     disabled button loses the focus to the page; once it is pressable again it gets the
     focus back, unless the person has moved on meanwhile or the action left it off. */
  var lastFocus = null;
  var held = null;

  function keepFocus() {
    var active = document.activeElement;
    var nowhere = !active || active === document.body;
    if (lastFocus && lastFocus.disabled && lastFocus.classList.contains("rb-busy") && nowhere) {
      held = lastFocus;
    }
    if (!held) { return; }
    if (held.disabled && !held.classList.contains("rb-busy")) { held = null; return; }  /* the action left it off */
    if (!held.disabled && nowhere) {
      var back = held;
      held = null;
      if (back.isConnected) { back.focus({ preventScroll: true }); }
    }
  }

  document.addEventListener("focusin", function (event) {
    lastFocus = event.target;
    held = null;
  });

  /* -- wiring ------------------------------------------------------------------------------ */
  function tidy() {
    keepFocus();
    document.querySelectorAll(".rb-rating").forEach(function (rating) {
      var handle = rating.querySelector(".noUi-handle");
      var readout = rating.querySelector(".widget-readout");
      if (!handle || !readout) { return; }
      var text = readout.textContent.trim();
      if (text && handle.getAttribute("aria-valuetext") !== text) { handle.setAttribute("aria-valuetext", text); }
      if (readout.getAttribute("contenteditable") !== "false") { readout.setAttribute("contenteditable", "false"); }
    });
    document.querySelectorAll(".rb-field .widget-toggle-buttons").forEach(tidyAnswer);
    tidySkip();
  }

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!event.isTrusted || !(el instanceof Element)) { return; }
    var rating = el.classList.contains("noUi-handle") && el.closest(".rb-rating");
    if (rating) { onRatingKey(event, el, rating); return; }
    var group = el.classList.contains("widget-toggle-button") && el.closest(".rb-field .widget-toggle-buttons");
    if (group) { onAnswerKey(event, el, group); }
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".rb-skip-checkin");
    if (link) { skip(event); }
  });

  new MutationObserver(tidy).observe(document.body, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ["class", "disabled", "aria-valuetext", "contenteditable"]
  });
  tidy();
})();
