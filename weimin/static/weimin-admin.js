// Behaviour that Flask-Admin's templates attach with inline handlers, which our CSP forbids.
(function ($) {
  'use strict';
  if (!$) { return; }
  $(document).on('click', '[data-model-action]', function (event) {
    event.preventDefault();
    if (window.modelActions) {
      window.modelActions.execute($(this).data('model-action'));
    }
  });
  $(document).on('click', 'button[data-confirm]', function (event) {
    if (!window.confirm($(this).data('confirm'))) {
      event.preventDefault();
    }
  });
  // Links that exist only for their click handlers must not navigate.
  $(document).on('click', 'a[href="#"], a[href="javascript:void(0)"]', function (event) {
    event.preventDefault();
  });
})(window.jQuery);
// The bulk-import page: the template link follows the chosen item.
(function ($) {
  'use strict';
  if (!$) { return; }
  $(document).on('change', 'select#item', function () {
    var link = $('#template-link');
    if (link.length) {
      link.attr('href', link.attr('href').replace(/[^/]*$/, $(this).val()));
    }
  });
})(window.jQuery);
// Print buttons on public pages.
document.addEventListener('click', function (event) {
  if (event.target && event.target.hasAttribute && event.target.hasAttribute('data-print')) {
    window.print();
  }
});
