// Package reports writes the report of a differential run as JSON,
// Markdown and a self-contained HTML page with inline SVG charts.
package reports
