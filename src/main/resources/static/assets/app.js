// Progressive enhancement only: every page works without it.
(function () {
  document.documentElement.classList.add('js');

  // htmx sends the CSRF token as a header, read from the page's meta tags.
  document.addEventListener('htmx:configRequest', function (e) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      e.detail.headers[header.content] = token.content;
    }
  });

  // "Chọn tất cả" in the inbox.
  document.addEventListener('click', function (e) {
    if (e.target && e.target.id === 'select-all') {
      var boxes = document.querySelectorAll('.task-check');
      var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
      boxes.forEach(function (b) { b.checked = !all; });
      e.target.textContent = all ? 'Chọn tất cả' : 'Bỏ chọn tất cả';
    }
  });

  // "Danh mục" on a phone opens and folds the menu.
  document.addEventListener('click', function (e) {
    var toggle = e.target && e.target.closest ? e.target.closest('.menu-toggle') : null;
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute('aria-controls'));
      var open = menu.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
  });

  // The time left to confirm a signature, counted down every second.
  function tick() {
    document.querySelectorAll('.countdown[data-expires]').forEach(function (el) {
      var left = Math.max(0, Math.floor((Date.parse(el.dataset.expires) - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = left > 0 ? m + ' phút ' + (s < 10 ? '0' : '') + s + ' giây' : 'hết giờ';
    });
  }
  document.addEventListener('DOMContentLoaded', tick);
  // the status poll swaps the countdown in as the server wrote it ("đến 10:05"): count it at once, not a second later
  document.addEventListener('htmx:afterSwap', tick);
  setInterval(tick, 1000);
})();
