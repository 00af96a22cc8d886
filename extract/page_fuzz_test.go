package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are small inputs that reach the corners of the line rules.
var fuzzSeeds = []string{
	"",
	"Sign In\n\nTiêu đề\n\n27/03/2018\n\nThân bài.",
	" date 2020-12 * Sáng 26/12, hội nghị.",
	"date 2026-01-06 Ảnh: X",
	"Khánh Ly 19/03/2024 17:01",
	"Cập nhật: 17-11-2022 | 08:56:50\n\nIMG_0528.JPG\nChú thích. Ảnh: KL",
	"CÁC BÀI LIÊN QUAN\n© x\n\n\n",
	"99/99/9999 99:99:99",
	"\xff\xfe date 2020-1",
	"<html><head><script type=\"application/ld+json\">[[[{\"@graph\":{}}]]]</script></head><body><h1>x</h1></body></html>",
	"<meta property=\"article:published_time\" content=\"2024-02-30T25:61:00Z\"><link rel=canonical href=\"http://[::1\">",
}

// checkPage fails on output that is not valid UTF-8, a Published value that
// is not RFC 3339 or a date, or a Text that a second cleaning changes.
func checkPage(t *testing.T, p Page) {
	t.Helper()
	for name, s := range map[string]string{"Title": p.Title, "Text": p.Text, "Published": p.Published,
		"Canonical": p.Canonical, "Footer": p.Footer, "Captions": strings.Join(p.Captions, "\n")} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if !validPublished(p.Published) {
		t.Errorf("Published = %q", p.Published)
	}
	if again := cleanLines(newTextLines(p.Text), nil).text; again != p.Text {
		t.Errorf("cleaning Text again changes it:\n%q\n%q", p.Text, again)
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	if files, _ := filepath.Glob(filepath.Join(goldDir, "seeds.docs.jsonl")); len(files) > 0 {
		for _, d := range readGold(f) {
			f.Add(d.Text)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := ParseText(s)
		checkPage(t, p)
		if got := PublishedFromText(s); got != p.Published {
			t.Errorf("PublishedFromText = %q, ParseText.Published = %q", got, p.Published)
		}
	})
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*", "*.html"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseHTML(strings.NewReader(s), "https://baonghean.vn/a/b.html")
		if err != nil {
			return // the html parser gives up only on reader errors
		}
		checkPage(t, p)
	})
}
