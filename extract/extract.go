package extract

import (
	"errors"
)

// Version names the rules that made a record. Bump it when a change alters
// what records come out, so that datasets say what produced them and the
// archive can be re-extracted.
const Version = "thidua-extract/0.1.0"

// Document is one article as it reaches the extractor. Any field may be
// empty; HTML wins over Text when both are set.
type Document struct {
	ID    string `json:"id,omitempty"`
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"`
	HTML  string `json:"html,omitempty"`
	Text  string `json:"text,omitempty"`
	// Published is a publication time known from elsewhere (an HTTP header,
	// a sitemap's lastmod); the page's own date wins over it.
	Published string `json:"published,omitempty"`
}

// Options tune extraction; the zero value works.
type Options struct{}

// Result is a record with the normalized text its evidence points into.
type Result struct {
	Record Record
	// Text is the normalized main text of the article. Evidence offsets
	// count runes in it.
	Text string
}

// ErrEmpty is returned for a document with neither HTML nor text.
var ErrEmpty = errors.New("extract: document has neither html nor text")

// Extract turns one document into one record.
func Extract(doc Document, opts Options) (Result, error) {
	if doc.HTML == "" && doc.Text == "" {
		return Result{}, ErrEmpty
	}
	return Result{Record: Record{ID: doc.ID, URL: doc.URL, Extractor: Version}}, nil
}
