// Room vote: progressive enhancement of a page that works without this script.
// - sends the vote with fetch (no page reload) and says "vote received" or "not sent";
// - listens to the server's live stream (full snapshots) and redraws the page when the
//   question or phase changes; refetches when the phone wakes up; polls when the stream fails.
(function () {
  "use strict";
  var page = document.body.getAttribute("data-page");
  var source = null;
  var pollTimer = null;
  var reloading = false;
  var POLL_MS = 3000;

  function status() {
    return document.getElementById("status");
  }

  function say(text, kind) {
    var node = status();
    if (!node) return;
    node.textContent = text;
    node.className = "status" + (kind ? " " + kind : "");
  }

  function apply(snapshot) {
    if (!snapshot || reloading) return;
    if (snapshot.page !== page) {
      reloading = true;
      window.location.reload();
      return;
    }
    var counts = document.querySelectorAll("[data-votes-cast]");
    for (var i = 0; i < counts.length; i += 1) {
      counts[i].textContent = String(snapshot.votes_cast);
    }
    document.body.classList.remove("offline");
  }

  function refetch() {
    return fetch("state", {
      cache: "no-store",
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        if (!response.ok) throw new Error("state " + response.status);
        return response.json();
      })
      .then(apply)
      .catch(function () {
        document.body.classList.add("offline");
      });
  }

  function startPolling() {
    if (pollTimer === null) pollTimer = window.setInterval(refetch, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer !== null) {
      window.clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  function connect() {
    if (!("EventSource" in window)) {
      startPolling();
      return;
    }
    if (source !== null) source.close();
    source = new EventSource("events");
    source.onmessage = function (event) {
      stopPolling();
      try {
        apply(JSON.parse(event.data));
      } catch (ignored) {
        // a damaged message: the next one or the next poll repairs the page
      }
    };
    source.onerror = function () {
      // The browser retries by itself; until the stream is back, poll so nothing is missed.
      startPolling();
      if (source !== null && source.readyState === EventSource.CLOSED) source = null;
    };
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    refetch();
    if (source === null || source.readyState === EventSource.CLOSED) connect();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      refetch();
      connect();
    }
  });

  var form = document.querySelector("form.ballot");
  if (form !== null) {
    var button = form.querySelector("button.send");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name=choice]:checked");
      if (chosen === null) {
        say("Choose one answer first.", "error");
        return;
      }
      var label = chosen.parentNode.querySelector(".label");
      var text = label ? label.textContent : chosen.value;
      var body = new URLSearchParams(new FormData(form));
      say("Sending…", "pending");
      button.disabled = true;
      fetch("vote", {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            return { ok: response.ok, status: response.status, answer: answer };
          });
        })
        .then(function (reply) {
          if (reply.ok) {
            say("✓ Vote received: " + text + ". You can change it until the coach reveals.",
                "received");
            button.textContent = "Change my vote";
          } else {
            say(reply.answer.message || "Not counted.", "error");
            if (reply.status === 409) refetch();
          }
        })
        .catch(function () {
          say("Not sent — check the Wi-Fi and try again.", "error");
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  connect();
})();
