package extract

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzExtract runs the whole extractor on arbitrary text and HTML: no
// panic, valid UTF-8 in the record, evidence inside the text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Khối thi đua Nội chính tỉnh Hà Tĩnh gồm 9 đơn vị: Công an tỉnh, Sở Tư pháp. Chiều 27/2, ký giao ước thi đua năm 2020 với chủ đề “Đoàn kết",
		"<html><head><title>Khối Nội chính</title></head><body><p>Sáng ngày 31/2/2020 Khối thi đua số IV gồm:</p></body></html>",
		"“", "Khối thi đua các Bộ, ngành Nội chính Trung ương; Trưởng khối; Cờ thi đua của Chính phủ cho",
		"ngày 9 tháng 13 năm 2020 gồm 99 đơn vị: (",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, asHTML bool) {
		doc := Document{Text: s}
		if asHTML {
			doc = Document{HTML: s}
		}
		res, err := Extract(doc, Options{})
		if err != nil {
			return
		}
		b, err := json.Marshal(res.Record)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) {
			t.Fatalf("invalid UTF-8 in %s", b)
		}
		n := utf8.RuneCountInString(res.Text)
		for field, ev := range res.Record.Evidence {
			if ev.Start < 0 || ev.End > n || ev.Start > ev.End {
				t.Fatalf("%s: span [%d,%d) outside %d runes", field, ev.Start, ev.End, n)
			}
		}
	})
}
