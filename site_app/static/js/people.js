// Fill the People table from the site's JSON API. Text goes in with textContent, never
// as HTML, so nothing in the data can run as code. What it says comes from the table's
// data-say-* attributes, which the page writes in its own language.
"use strict";

(function () {
  const table = document.getElementById("people");
  const status = document.getElementById("people-status");
  document.getElementById("people-needs-script").hidden = true;

  // A message from the page, its {placeholders} filled in.
  function words(name, values = {}) {
    return table.dataset[name].replace(/\{(\w+)\}/g, (_, key) => values[key]);
  }

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
      return words("sayNoCars");
    }
    return person.cars.map((car) => `${car.make} ${car.model}`).join(", ");
  }

  async function load() {
    say(words("sayLoading"));
    try {
      const response = await fetch(table.dataset.source, { headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error(words("sayServerAnswered", { status: response.status }));
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
      say(words("sayLoaded", { count: people.length }));
    } catch (error) {
      say(words("sayFailed", { reason: error.message }));
    } finally {
      table.closest(".table-scroll").setAttribute("aria-busy", "false");
    }
  }

  load();
})();
