package testsite

import (
	"bytes"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestMirror(t *testing.T) {
	const n, host = 250, "mirror.test"
	dir := t.TempDir()
	if err := Mirror(dir, host, n, 7); err != nil {
		t.Fatal(err)
	}
	var articles, listings int
	var sizes []int
	err := filepath.WalkDir(filepath.Join(dir, host), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case strings.Contains(p, "/bai-viet/"):
			articles++
			sizes = append(sizes, len(data))
			if _, err := html.Parse(bytes.NewReader(data)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		case strings.Contains(p, "/chuyen-muc/"):
			listings++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if articles != n || listings != (n+19)/20 {
		t.Errorf("%d articles and %d listing pages, want %d and %d", articles, listings, n, (n+19)/20)
	}
	for _, sz := range sizes {
		if sz < 30<<10 || sz > 61<<10 {
			t.Errorf("article of %d bytes, want 30–60 KB", sz)
		}
	}

	t.Run("served and complete", func(t *testing.T) {
		s, err := New(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		_, idx := get(t, s, "GET", "https://"+host+"/sitemap.xml", nil)
		var index struct {
			Sitemaps []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"sitemap"`
		}
		if err := xml.Unmarshal([]byte(idx), &index); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, sm := range index.Sitemaps {
			resp, body := get(t, s, "GET", sm.Loc, nil)
			if resp.StatusCode != 200 || sm.LastMod == "" {
				t.Fatalf("%s: %d, lastmod %q", sm.Loc, resp.StatusCode, sm.LastMod)
			}
			var set struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal([]byte(body), &set); err != nil {
				t.Fatal(err)
			}
			for _, u := range set.URLs {
				seen[u.Loc] = true
			}
		}
		if len(seen) != n {
			t.Errorf("sitemaps list %d distinct URLs, want %d", len(seen), n)
		}
		for _, i := range []int{1, n / 2, n} {
			u := MirrorArticleURL(host, i, 7)
			if !seen[u] {
				t.Errorf("article %d (%s) not in the sitemaps", i, u)
			}
			if resp, _ := get(t, s, "GET", u, nil); resp.StatusCode != 200 {
				t.Errorf("%s: %d", u, resp.StatusCode)
			}
		}
		if resp, body := get(t, s, "GET", "https://"+host+"/robots.txt", nil); resp.StatusCode != 200 || !strings.Contains(body, "Sitemap: https://"+host+"/sitemap.xml") {
			t.Errorf("robots.txt: %d %q", resp.StatusCode, body)
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		other := t.TempDir()
		if err := Mirror(other, host, 20, 7); err != nil {
			t.Fatal(err)
		}
		for _, i := range []int{1, 20} {
			name := strings.TrimPrefix(MirrorArticleURL(host, i, 7), "https://"+host+"/")
			a, _ := os.ReadFile(filepath.Join(dir, host, name))
			b, err := os.ReadFile(filepath.Join(other, host, name))
			if err != nil {
				t.Fatal(err)
			}
			// The related links depend on n; the article text does not.
			if body(a) != body(b) {
				t.Errorf("article %d differs between runs with the same seed", i)
			}
		}
		third := t.TempDir()
		if err := Mirror(third, host, 20, 8); err != nil {
			t.Fatal(err)
		}
		if MirrorArticleURL(host, 1, 7) == MirrorArticleURL(host, 1, 8) {
			t.Error("another seed gives the same site")
		}
	})
}

// body returns the article-body element of a mirror page.
func body(page []byte) string {
	s := string(page)
	i := strings.Index(s, `<div class="article-body">`)
	j := strings.Index(s, "</article>")
	if i < 0 || j < i {
		return ""
	}
	return s[i:j]
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Khối thi đua Nội chính", "khoi-thi-dua-noi-chinh"},
		{"Đắk Lắk: ký kết (2024)", "dak-lak-ky-ket-2024"},
		{"  “Đoàn kết”  ", "doan-ket"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := slug(tt.in); got != tt.want {
				t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkMirror generates a 10,000-page mirror; b.N runs of it.
func BenchmarkMirror(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		if err := Mirror(dir, "mirror.test", 10000, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServe serves mirror articles through the Transport, as a crawler
// with delays off would fetch them.
func BenchmarkServe(b *testing.B) {
	dir := b.TempDir()
	const n = 1000
	if err := Mirror(dir, "mirror.test", n, 1); err != nil {
		b.Fatal(err)
	}
	s, err := New(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	c := s.Client()
	urls := make([]string, n)
	for i := range urls {
		urls[i] = MirrorArticleURL("mirror.test", i+1, 1)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		resp, err := c.Get(urls[i%n])
		if err != nil {
			b.Fatal(err)
		}
		_, _ = bytes.NewBuffer(nil).ReadFrom(resp.Body)
		resp.Body.Close()
		i++
	}
	b.ReportMetric(float64(s.Stats().Bytes)/float64(i), "body-bytes/op")
}
