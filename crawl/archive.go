package crawl

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/thidua/thidua/crawl/warc"
)

// ArchivedPage is an HTML page read back from the WARC archive.
type ArchivedPage struct {
	URL          string
	Fetched      time.Time
	Status       int
	Header       http.Header
	HTML         string // decoded UTF-8 (NFC)
	Charset      string
	LastModified string
	Truncated    bool // the crawler cut the body at its size limit
	Location     warc.Location
}

// ErrStop, returned by a ReadArchive callback, ends the walk without error.
var ErrStop = errors.New("crawl: stop")

// ReadArchive calls fn for every archived 2xx HTML response under dir (the
// data directory's warc/ folder), in the order they were written, decoding
// each body as the crawl does. Sitemaps, feeds, robots.txt, redirects and
// errors are skipped. It is how pages are re-extracted without refetching
// (thidua extract --from-archive, thidua reextract). A torn last record (a
// killed crawl) ends its file quietly.
func ReadArchive(dir string, fn func(ArchivedPage) error) error {
	files, err := warc.Files(dir)
	if err != nil {
		return fmt.Errorf("crawl: archive %s: %w", dir, err)
	}
	for _, f := range files {
		err := warc.ReadFile(f, func(rec *warc.Record, loc warc.Location) error {
			if rec.Type() != "response" {
				return nil
			}
			resp, body, err := warc.ParseResponse(rec)
			if err != nil {
				return fmt.Errorf("crawl: archive %s@%d: %w", f, loc.Offset, err)
			}
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return nil
			}
			ct := resp.Header.Get("Content-Type")
			if k := docKind(body); k != KindPage || (ct != "" && !strings.Contains(ct, "html")) {
				return nil
			}
			html, cs, derr := decodeBody(body, ct)
			if derr != nil && html == "" {
				return fmt.Errorf("crawl: archive %s@%d: %s: %w", f, loc.Offset, rec.TargetURI(), derr)
			}
			return fn(ArchivedPage{
				URL: rec.TargetURI(), Fetched: rec.Date(), Status: resp.StatusCode, Header: resp.Header,
				HTML: html, Charset: cs, LastModified: resp.Header.Get("Last-Modified"),
				Truncated: rec.Header.Get("WARC-Truncated") != "", Location: loc,
			})
		})
		if errors.Is(err, ErrStop) {
			return nil
		}
		if errors.Is(err, warc.ErrTruncated) {
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}
