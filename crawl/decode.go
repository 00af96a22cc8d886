package crawl

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// decodeBody turns a response body into UTF-8 text using the charset that
// the Content-Type header or the page itself declares (windows-1258
// included, which colly's detector cannot tell apart). It is thidua's
// stand-in until normalize.Decode lands; the crawler calls nothing else.
func decodeBody(body []byte, contentType string) (text, cs string, err error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	name := ""
	if _, params, ok := strings.Cut(contentType, "charset="); ok {
		name = strings.Trim(strings.TrimSpace(strings.Split(params, ";")[0]), `"'`)
	}
	if name == "" {
		_, name, _ = charset.DetermineEncoding(body, contentType)
		if name == "windows-1252" && utf8.Valid(body) {
			// DetermineEncoding's fallback guess; valid UTF-8 is UTF-8.
			name = "utf-8"
		}
	}
	name = strings.ToLower(name)
	if name == "" || name == "utf-8" || name == "utf8" {
		return norm.NFC.String(strings.ToValidUTF8(string(body), "\uFFFD")), "utf-8", nil
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD"), "utf-8", fmt.Errorf("crawl: charset %q: %w", name, err)
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return "", name, fmt.Errorf("crawl: decode %s: %w", name, err)
	}
	// windows-1258 spells tones with combining marks: compose them.
	return norm.NFC.String(string(out)), name, nil
}
