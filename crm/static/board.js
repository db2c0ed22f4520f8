/* The pipeline board: drag a card to another column. The drop only fills in the card's own
   Move form (the keyboard way, which stays) with the column's stage and opens it for the note;
   sending it is the same POST to the same endpoint, so the same rules and messages apply. A
   refusal comes back as the board with the message, the card in its old column. Cancel puts the
   card back. */
(function () {
  "use strict";

  var board = document.querySelector(".board[data-cancel-label]");
  if (!board) return;
  var dragged = null;   // the card being dragged
  var pending = null;   // a dropped card not yet sent: {card, list, next, stage} it had

  function columnOf(node) {
    return node && node.closest ? node.closest(".board-col[data-stage]") : null;
  }

  function putBack() {
    if (!pending) return;
    var card = pending.card;
    pending.list.insertBefore(card, pending.next);
    card.classList.remove("is-pending");
    card.querySelector("select[name=stage]").value = pending.stage;
    card.querySelector("details.move").open = false;
    var cancel = card.querySelector(".move-cancel");
    if (cancel) cancel.parentNode.removeChild(cancel);
    pending = null;
  }

  function dropOn(card, column) {
    var form = card.querySelector("details.move form");
    var select = form && form.querySelector("select[name=stage]");
    if (!select) return;
    putBack();
    pending = { card: card, list: card.parentNode, next: card.nextSibling, stage: select.value };
    column.querySelector(".board-col-list").appendChild(card);
    card.classList.add("is-pending");
    select.value = column.getAttribute("data-stage");
    var details = card.querySelector("details.move");
    details.open = true;
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "btn btn-small move-cancel";
    cancel.textContent = board.getAttribute("data-cancel-label");
    cancel.addEventListener("click", function () {
      putBack();
      card.querySelector("summary").focus();
    });
    form.appendChild(cancel);
    var note = form.querySelector("textarea[name=note]");
    (note || select).focus();
  }

  Array.prototype.forEach.call(board.querySelectorAll(".card-item[data-stage]"), function (card) {
    if (!card.querySelector("details.move form")) return;  // no move offered: nothing to drag
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      card.classList.add("is-dragging");
      board.classList.add("is-dragging");  // no scroll snapping while it scrolls by steps
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.getAttribute("data-project"));
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("is-dragging");
      board.classList.remove("is-dragging");
      dragged = null;
      Array.prototype.forEach.call(board.querySelectorAll(".is-drop-target"), function (col) {
        col.classList.remove("is-drop-target");
      });
    });
  });

  function accepts(column) {
    return dragged && column && column.getAttribute("data-stage") !== dragged.getAttribute("data-stage");
  }

  /* Near the board's left or right edge, a drag scrolls it: the far columns come into reach. */
  var EDGE = 56, STEP = 28;
  function scrollNearEdge(event) {
    var box = board.getBoundingClientRect();
    if (event.clientX > box.right - EDGE) board.scrollLeft += STEP;
    else if (event.clientX < box.left + EDGE) board.scrollLeft -= STEP;
  }

  board.addEventListener("dragover", function (event) {
    if (!dragged) return;
    scrollNearEdge(event);
    var column = columnOf(event.target);
    if (!accepts(column)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("is-drop-target");
  });
  board.addEventListener("dragleave", function (event) {
    var column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("is-drop-target");
  });
  board.addEventListener("drop", function (event) {
    var column = columnOf(event.target);
    if (!accepts(column)) return;
    event.preventDefault();
    column.classList.remove("is-drop-target");
    dropOn(dragged, column);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && pending) putBack();
  });
})();
