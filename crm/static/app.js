/* Investment Promotion CRM: confirmation prompts, the phone menu, dismissible messages.
   No inline handlers: everything is wired here (the CSP allows only scripts from /static). */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  /* data-confirm="question" on a form, or on a button or link: ask before going on. */
  var confirmedForm = null;

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (!el || el.tagName === "FORM") return;
    if (!window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    // a confirmed submit button need not be asked about again by its form
    if (el.form) confirmedForm = el.form;
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (confirmedForm === form) {
      confirmedForm = null;
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    /* The menu toggle for narrow screens. Without JS the menu is simply always shown. */
    var toggle = document.querySelector(".nav-toggle");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (toggle && menu) {
      var setOpen = function (open) {
        menu.classList.toggle("is-open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      };
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.classList.contains("is-open")) {
          setOpen(false);
          toggle.focus();
        }
      });
    }

    /* A close button on each flash message. */
    var flashes = document.querySelector(".flashes[data-close-label]");
    if (flashes) {
      var label = flashes.getAttribute("data-close-label");
      Array.prototype.forEach.call(flashes.querySelectorAll(".flash"), function (item) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "flash-close";
        button.setAttribute("aria-label", label);
        button.textContent = "\u00d7";
        button.addEventListener("click", function () {
          item.parentNode.removeChild(item);
          if (!flashes.querySelector(".flash")) flashes.parentNode.removeChild(flashes);
        });
        item.appendChild(button);
      });
    }

    /* select[data-picker]: a long list is not sent whole; a search box above the select asks
       the server as the user types and offers what it finds, keeping what is chosen. */
    Array.prototype.forEach.call(document.querySelectorAll("select[data-picker]"), function (select) {
      var box = document.createElement("input");
      box.type = "search";
      box.className = "picker-search";
      box.placeholder = select.getAttribute("data-picker-prompt") || "";
      box.setAttribute("aria-label", box.placeholder);
      box.setAttribute("autocomplete", "off");
      select.parentNode.insertBefore(box, select);
      var timer = null;
      var asked = 0;
      box.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          var ticket = ++asked;
          var url = select.getAttribute("data-picker") + "?q=" + encodeURIComponent(box.value);
          fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : []; })
            .then(function (found) {
              if (ticket !== asked) return;  // a later search has been sent
              var keep = {};
              Array.prototype.slice.call(select.options).forEach(function (option) {
                if (option.selected || option.value === "") keep[option.value] = true;
                else select.removeChild(option);
              });
              found.forEach(function (item) {
                if (keep[item.value]) return;
                select.appendChild(new Option(item.label, item.value));
              });
              if (!select.multiple && found.length && !select.value) select.value = found[0].value;
            });
        }, 250);
      });
    });
  });

  /* Imports: the upload's progress bar, then "working…" while the server reads the file;
     the confirm form says "working…" too. Without JS both forms simply post. */
  ready(function () {
    document.querySelectorAll("form[data-working]").forEach(function (form) {
      var working = form.querySelector(".import-working");
      var bar = form.querySelector(".import-progress");
      form.addEventListener("submit", function (event) {
        if (working) {
          working.textContent = form.getAttribute("data-working");
          working.hidden = false;
        }
        // a random id for this run, which the server writes its progress under
        var ident = "", field = form.querySelector("input[name=progress]");
        if (field && window.crypto && window.crypto.getRandomValues) {
          var bytes = new Uint8Array(16);
          window.crypto.getRandomValues(bytes);
          bytes.forEach(function (b) { ident += ("0" + b.toString(16)).slice(-2); });
          field.value = ident;
          var url = form.getAttribute("data-progress-url").replace("IDENT", ident);
          var text = form.getAttribute("data-progress-text");
          var poll = window.setInterval(function () {
            if (!window.fetch) return window.clearInterval(poll);
            window.fetch(url, {credentials: "same-origin"}).then(function (r) {
              return r.ok ? r.json() : null;
            }).then(function (data) {
              if (data && data.row && working) {
                working.textContent = form.getAttribute("data-working") + " " +
                  text.replace("{n}", data.row);
              }
            }).catch(function () {});
          }, 2000);
        }
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
        if (!bar || !window.FormData || !window.XMLHttpRequest) return;
        event.preventDefault();
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        bar.hidden = false;
        request.upload.addEventListener("progress", function (e) {
          if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
        });
        request.upload.addEventListener("load", function () { bar.removeAttribute("value"); });
        request.addEventListener("load", function () {
          document.open();
          document.write(request.responseText);
          document.close();
        });
        request.addEventListener("error", function () { form.submit(); });
        request.send(new FormData(form));
      });
    });
  });
})();
