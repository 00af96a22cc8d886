package warc_test

import (
	"fmt"
	"log"
	"os"
	"time"

	"github.com/thidua/thidua/crawl/warc"
)

// Archive one HTTP exchange, then read the page back from its location.
func Example() {
	dir, err := os.MkdirTemp("", "warc-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	w, err := warc.NewWriter(dir, warc.WriterOptions{Prefix: "demo"})
	if err != nil {
		log.Fatal(err)
	}
	req := []byte("GET /tin-tuc/giao-uoc-thi-dua-1.html HTTP/1.1\r\nHost: baonghean.vn\r\n\r\n")
	resp := []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 27\r\n\r\n<h1>Giao ước thi đua</h1>")
	loc, err := w.WriteExchange("https://baonghean.vn/tin-tuc/giao-uoc-thi-dua-1.html",
		time.Date(2025, 3, 1, 20, 0, 0, 0, time.UTC), "203.0.113.7", req, resp)
	if err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	rec, err := warc.ReadAt(loc.File, loc.Offset)
	if err != nil {
		log.Fatal(err)
	}
	r, body, err := warc.ParseResponse(rec)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Type(), rec.TargetURI(), rec.Date().Format(time.RFC3339))
	fmt.Println(r.StatusCode, r.Header.Get("Content-Type"))
	fmt.Println(string(body))
	// Output:
	// response https://baonghean.vn/tin-tuc/giao-uoc-thi-dua-1.html 2025-03-01T20:00:00Z
	// 200 text/html; charset=utf-8
	// <h1>Giao ước thi đua</h1>
}
