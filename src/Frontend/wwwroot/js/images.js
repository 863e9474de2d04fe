// Swaps a product image that fails to load for its neutral placeholder (data-fallback). External: the CSP forbids inline handlers.
(function () {
  function swap(img) { var f = img.getAttribute('data-fallback'); if (f && img.src !== f) { img.src = f; } }
  document.addEventListener('error', function (e) { if (e.target && e.target.tagName === 'IMG') { swap(e.target); } }, true);
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('img[data-fallback]').forEach(function (img) { if (img.complete && img.naturalWidth === 0) { swap(img); } });
  });
})();
