// The item form: each field definition shows only the attributes its type uses. Which type
// uses which attribute comes from the server (#field-attributes), which clears the others.
(function () {
  'use strict';
  var table = document.getElementById('field-attributes');
  if (!table) { return; }
  var usedBy = JSON.parse(table.textContent);
  var TYPE = '.inline-field select[id$="-type"]';

  function apply(select) {
    var prefix = select.id.slice(0, -'type'.length);
    Object.keys(usedBy).forEach(function (key) {
      var input = document.getElementById(prefix + key);
      if (!input) { return; }
      var unused = usedBy[key].indexOf(select.value) < 0;
      (input.closest('.form-group') || input).hidden = unused;
      // A hidden input is not sent, nor can the browser hold the form back for it.
      input.disabled = unused;
    });
  }

  function applyAll() {
    Array.prototype.forEach.call(document.querySelectorAll(TYPE), apply);
  }

  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches(TYPE)) { apply(event.target); }
  });
  // A definition added with the "Add" button arrives with every input: sort it out too.
  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('[data-inline-add]')) {
      window.setTimeout(applyAll, 0);
    }
  });
  applyAll();
})();
