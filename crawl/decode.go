package crawl

import (
	"fmt"

	"github.com/thidua/thidua/normalize"
)

// decodeBody turns a response body into UTF-8 text with normalize.Decode:
// the charset that the Content-Type header or the page itself declares
// (windows-1258 included, which colly's detector cannot tell apart), else
// a guess; the text is composed to NFC.
func decodeBody(body []byte, contentType string) (text, charset string, err error) {
	d, err := normalize.Decode(body, contentType)
	if err != nil {
		return d.Text, d.Charset, fmt.Errorf("crawl: decode: %w", err)
	}
	return d.Text, d.Charset, nil
}
