package warc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// goldDocs holds real article texts (the project's gold documents).
var goldDocs = filepath.Join("..", "..", "..", "shared", "gold", "seeds.docs.jsonl")

// benchPage is an article-sized HTML page of about 60 KB: real Vietnamese
// article texts from the gold documents in paragraphs, or, without them,
// numbered synthetic paragraphs (which compress better than real text).
func benchPage(b *testing.B) []byte {
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Khối thi đua Nội chính</title></head><body>\n")
	if f, err := os.Open(goldDocs); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() && page.Len() < 60000 {
			var d struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &d) != nil {
				continue
			}
			for _, para := range strings.Split(d.Text, "\n") {
				if para != "" {
					fmt.Fprintf(&page, "<p class=\"Normal\">%s</p>\n", html.EscapeString(para))
				}
			}
		}
	} else {
		b.Logf("no gold documents (%v): synthetic page", err)
	}
	for i := 0; page.Len() < 60000; i++ {
		fmt.Fprintf(&page, "<p class=\"Normal\">Đoạn %d: Khối thi đua Nội chính tỉnh tổ chức hội nghị ký kết giao ước thi đua (mã %x).</p>\n", i, i*7919)
	}
	page.WriteString("</body></html>")
	return []byte(page.String())
}

func benchExchange(page []byte) (req, resp []byte) {
	req = []byte("GET /khoi-thi-dua-noi-chinh-ky-ket-giao-uoc-2025-123456.html HTTP/1.1\r\nHost: baonghean.vn\r\nUser-Agent: thidua/0.1 (+https://github.com/thidua/thidua; research crawler)\r\nAccept-Encoding: gzip\r\n\r\n")
	resp = append([]byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\nETag: \"abc\"\r\nLast-Modified: Sat, 01 Mar 2025 13:00:00 GMT\r\n\r\n", len(page))), page...)
	return req, resp
}

// BenchmarkWriteExchange archives article-sized exchanges; MB/s counts the
// HTTP messages archived. The "split" forms pass the response as head and
// body (Exchange.ResponseBody), as the crawler does.
func BenchmarkWriteExchange(b *testing.B) {
	for _, level := range []int{1, 6} {
		for _, split := range []bool{false, true} {
			name := fmt.Sprintf("gzip%d", level)
			if split {
				name += "-split"
			}
			b.Run(name, func(b *testing.B) { benchWriteExchange(b, level, split) })
		}
	}
}

func benchWriteExchange(b *testing.B, level int, split bool) {
	page := benchPage(b)
	req, resp := benchExchange(page)
	x := Exchange{TargetURI: "https://baonghean.vn/a", IP: "203.0.113.7", Request: req, Response: resp}
	if split {
		x.Response, x.ResponseBody = resp[:len(resp)-len(page)], page
	}
	w, _ := testWriter(b, WriterOptions{Level: level, MaxFileSize: 256 << 20})
	b.SetBytes(int64(len(req) + len(resp)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Fetched = time.Time{}
		if _, err := w.WriteExchangeWith(x); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	files, _ := Files(w.dir)
	var size int64
	for _, f := range files {
		st, _ := os.Stat(f)
		size += st.Size()
	}
	b.ReportMetric(float64(size)/float64(b.N), "disk-B/op")
}

// BenchmarkWriteExchangeParallel is BenchmarkWriteExchange from as many
// goroutines as GOMAXPROCS, as a crawler with several fetchers uses it.
func BenchmarkWriteExchangeParallel(b *testing.B) {
	req, resp := benchExchange(benchPage(b))
	w, _ := testWriter(b, WriterOptions{MaxFileSize: 256 << 20})
	b.SetBytes(int64(len(req) + len(resp)))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := w.WriteExchange("https://baonghean.vn/a", time.Time{}, "203.0.113.7", req, resp); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkWriteReadBack archives exchanges, then reads every record back
// sequentially and each response at its location; MB/s counts the HTTP
// messages written and read.
func BenchmarkWriteReadBack(b *testing.B) {
	req, resp := benchExchange(benchPage(b))
	b.SetBytes(int64(len(req) + len(resp)))
	b.ReportAllocs()
	dir := b.TempDir()
	w, err := NewWriter(dir, WriterOptions{MaxFileSize: 256 << 20})
	if err != nil {
		b.Fatal(err)
	}
	locs := make([]Location, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		loc, err := w.WriteExchange("https://baonghean.vn/a", time.Time{}, "", req, resp)
		if err != nil {
			b.Fatal(err)
		}
		locs = append(locs, loc)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	files, _ := Files(dir)
	n := 0
	for _, f := range files {
		if err := ReadFile(f, func(r *Record, _ Location) error {
			if r.Type() == TypeResponse {
				n++
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	for _, l := range locs {
		rec, err := ReadAt(l.File, l.Offset)
		if err != nil || len(rec.Block) != len(resp) {
			b.Fatalf("%+v: %v", l, err)
		}
	}
	if n != b.N {
		b.Fatalf("read %d responses, wrote %d", n, b.N)
	}
}

// BenchmarkRead reads an archive of exchanges sequentially; MB/s counts the
// HTTP messages read.
func BenchmarkRead(b *testing.B) {
	req, resp := benchExchange(benchPage(b))
	w, dir := testWriter(b, WriterOptions{})
	for i := 0; i < 100; i++ {
		if _, err := w.WriteExchange("https://baonghean.vn/a", time.Time{}, "", req, resp); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	files, _ := Files(dir)
	data, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(100 * (len(req) + len(resp))))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(); err != nil {
				if !errors.Is(err, io.EOF) {
					b.Fatal(err)
				}
				break
			}
		}
	}
}
