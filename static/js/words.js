// The words the scripts show, in the page's language. The server writes them into the page
// (templates/_script_words.html), translated like every other word on it, as URL-encoded JSON;
// a message keeps its %(name)s places for the script to fill.
let table = null;

function all() {
  if (table === null) {
    const holder = document.getElementById("hub-words");
    try {
      table = holder ? JSON.parse(decodeURIComponent(holder.dataset.words)) : {};
    } catch (error) {
      table = {};
    }
  }
  return table;
}

function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (place, name) => (name in values ? String(values[name]) : place));
}

// Which of a language's forms goes with a count (CLDR's categories, as core/words.py decides).
const RULES = {
  en: (n) => (n === 1 ? "one" : "other"),
  cy: (n) => ({ 0: "zero", 1: "one", 2: "two", 3: "few", 6: "many" })[n] || "other",
};

// words("moved", { title, stage }): the message, its places filled.
export function words(key, values = {}) {
  const text = (all().messages || {})[key];
  return fill(typeof text === "string" ? text : key, values);
}

// counted("characters_left", 12): the message in the form that goes with the count, the count
// written as the pages write numbers ("1,000").
export function counted(key, n, values = {}) {
  const forms = (all().counts || {})[key] || {};
  const rule = RULES[all().language] || RULES.en;
  const text = forms[rule(Math.abs(n))] ?? forms.other ?? key;
  return fill(text, { ...values, num: n.toLocaleString("en-GB") });
}
