// A stylesheet imported by a component (`import "./x.css"`) is for the bundler;
// component tests in jsdom load no styles.
module.exports = {};
