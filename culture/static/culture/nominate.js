// The nomination form shows only the field of the chosen kind of nominee (person, pokja or stakeholder).
(function () {
  "use strict";
  var kind = document.getElementById("id_kind");
  if (!kind) return;
  var fields = { employee: "id_employee", pokja: "id_pokja", stakeholder: "id_stakeholder" };
  function update() {
    Object.keys(fields).forEach(function (name) {
      var input = document.getElementById(fields[name]);
      if (input) input.closest("div").hidden = name !== kind.value;
    });
  }
  kind.addEventListener("change", update);
  update();
})();
