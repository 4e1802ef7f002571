// Fill the People table from the site's JSON API. Text goes in with textContent, never
// as HTML, so nothing in the data can run as code.
"use strict";

(function () {
  const table = document.getElementById("people");
  const status = document.getElementById("people-status");
  document.getElementById("people-needs-script").hidden = true;

  function say(message) {
    status.textContent = message;
    status.hidden = false;
  }

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function carsOf(person) {
    if (person.cars.length === 0) {
      return "None";
    }
    return person.cars.map((car) => `${car.make} ${car.model}`).join(", ");
  }

  async function load() {
    say("Loading people…");
    try {
      const response = await fetch(table.dataset.source, { headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error(`the server answered ${response.status}`);
      }
      const people = await response.json();
      const body = table.querySelector("tbody");
      for (const person of people) {
        const row = document.createElement("tr");
        cell(row, person.first_name);
        cell(row, person.last_name);
        cell(row, person.residence);
        cell(row, carsOf(person));
        body.appendChild(row);
      }
      // The table and the box it scrolls in appear together.
      table.closest(".table-scroll").hidden = false;
      table.hidden = false;
      say(`${people.length} people loaded.`);
    } catch (error) {
      say(`The people could not be loaded (${error.message}). Reload the page to try again.`);
    }
  }

  load();
})();
