// Help page: opening the size guide or the return policy (by link or by #hash on arrival) sends
// view_size_guide / view_return_policy, the signals of a hesitant shopper.
(function () {
  'use strict';
  const { track } = window.Shop;
  const EVENTS = { '#size-guide': 'view_size_guide', '#returns': 'view_return_policy' };

  function topicOpened() {
    document.querySelectorAll('.help-topic').forEach((s) => s.classList.toggle('current', '#' + s.id === location.hash));
    if (EVENTS[location.hash]) track(EVENTS[location.hash], {});
  }

  window.Shop.onReady(() => {
    topicOpened();
    window.addEventListener('hashchange', topicOpened);
  });
})();
