// Orbit diagram: pointing at or focusing a satellite highlights its links and docking dots.
// Listeners sit on the document so that drawings swapped in by htmx work without re-binding.
(function () {
  "use strict";

  function satelliteOf(node) {
    var link = node && node.closest ? node.closest(".orbit-diagram .satellite-link") : null;
    return link ? link.querySelector(".satellite") : null;
  }

  function clear(svg) {
    svg.classList.remove("has-active");
    svg.querySelectorAll(".is-active").forEach(function (el) {
      el.classList.remove("is-active");
    });
  }

  function activate(satellite) {
    var svg = satellite.ownerSVGElement;
    var nip = satellite.getAttribute("data-nip");
    clear(svg);
    svg.classList.add("has-active");
    satellite.classList.add("is-active");
    svg.querySelectorAll(".link, .dock").forEach(function (el) {
      if (el.getAttribute("data-nip") === nip) {
        el.classList.add("is-active");
      }
    });
  }

  function leave(event) {
    var satellite = satelliteOf(event.target);
    if (!satellite) {
      return;
    }
    // Moving between the circle, the badge and the name of one satellite is not leaving it.
    if (event.relatedTarget && satellite.parentNode.contains(event.relatedTarget)) {
      return;
    }
    clear(satellite.ownerSVGElement);
  }

  function enter(event) {
    var satellite = satelliteOf(event.target);
    if (satellite) {
      activate(satellite);
    }
  }

  document.addEventListener("mouseover", enter);
  document.addEventListener("focusin", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
})();
