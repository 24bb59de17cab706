// The parent's "use my phone's position" button: fills latitude and longitude; typing them works without it.
(function () {
  document.addEventListener('click', function (e) {
    if (!e.target || e.target.id !== 'locate' || !navigator.geolocation) {
      return;
    }
    e.target.disabled = true;
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('lat').value = p.coords.latitude.toFixed(6);
      document.getElementById('lon').value = p.coords.longitude.toFixed(6);
      e.target.disabled = false;
    }, function () {
      e.target.disabled = false;
      e.target.textContent = 'Không lấy được vị trí; vui lòng nhập vĩ độ, kinh độ';
    });
  });
})();
