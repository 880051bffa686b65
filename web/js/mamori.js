/* mamori: small enhancements.  Every page works without this file. */
(function () {
	"use strict";

	/* Respondent form: save each answer the moment it is chosen, and
	 * keep the progress line current. */
	function autosave(form) {
		var url = form.getAttribute("data-autosave");
		var csrf = form.querySelector("input[name=_csrf]");
		var part = form.querySelector("input[name=part]");
		var text = document.getElementById("progress-text");
		var bar = document.getElementById("progress-bar");

		form.addEventListener("change", function (ev) {
			var t = ev.target;
			if (!t || t.type !== "radio")
				return;
			var body = new URLSearchParams();
			body.append("_csrf", csrf.value);
			body.append("part", part.value);
			body.append("autosave", "1");
			body.append(t.name, t.value);
			fetch(url, {
				method: "POST",
				body: body,
				credentials: "same-origin",
				headers: { "Accept": "application/json" }
			}).then(function (res) {
				return res.ok ? res.json() : null;
			}).then(function (j) {
				if (!j || !bar)
					return;
				bar.value = j.answered;
				if (text) {
					var parts = text.textContent.split(" · ");
					var re = /\d+/;
					if (parts.length === 2)
						text.textContent = parts[0] + " · " +
						    parts[1].replace(re, String(j.answered));
				}
				var fs = t.closest("fieldset.item-missing");
				if (fs)
					fs.classList.remove("item-missing");
			}).catch(function () { /* the step buttons still save */ });
		});
	}

	/* Click a link shown as code to select it for copying. */
	function selectable(el) {
		el.addEventListener("click", function () {
			var range = document.createRange();
			range.selectNodeContents(el);
			var sel = window.getSelection();
			sel.removeAllRanges();
			sel.addRange(range);
		});
	}

	/* A select that moves on by itself (the button stays for no-JS). */
	function autosubmit(sel) {
		sel.addEventListener("change", function () { sel.form.submit(); });
	}

	/* A textarea grows with its text while typing (the server sized it
	 * for the text it came with; CSS caps the height). */
	function grow(ta) {
		ta.addEventListener("input", function () {
			var edge = ta.offsetHeight - ta.clientHeight;
			ta.style.height = "auto";
			ta.style.height = (ta.scrollHeight + edge) + "px";
		});
	}

	/* A link to a place inside a folded section opens the section
	 * (browsers that do it themselves lose nothing). */
	function reveal() {
		var id = decodeURIComponent(location.hash.slice(1));
		var el = id ? document.getElementById(id) : null;

		for (; el; el = el.parentElement)
			if (el.tagName === "DETAILS")
				el.open = true;
	}

	window.addEventListener("hashchange", reveal);

	document.addEventListener("DOMContentLoaded", function () {
		reveal();
		Array.prototype.forEach.call(
		    document.querySelectorAll("textarea[data-grow]"), grow);
		Array.prototype.forEach.call(
		    document.querySelectorAll("select[data-autosubmit]"), autosubmit);
		Array.prototype.forEach.call(
		    document.querySelectorAll("form[data-autosave]"), autosave);
		Array.prototype.forEach.call(
		    document.querySelectorAll("code.copy"), selectable);
	});
})();
