package normalize_test

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"github.com/thidua/thidua/normalize"
)

func ExampleString() {
	// Decomposed letters, the old tone placement, a non-breaking space,
	// a zero-width space and a run of blank lines.
	in := "Ho\u0300a  Bi\u0300nh:\u00a0Uỷ ban\u200b nhân dân\n\n\n\nThanh Hoá"
	fmt.Printf("%q\n", normalize.String(in))
	// Output:
	// "Hòa Bình: Ủy ban nhân dân\n\nThanh Hóa"
}

func ExampleFold() {
	text := normalize.String("Bộ đội Biên phòng tỉnh Đắk Lắk")
	key := normalize.Fold(text)
	fmt.Println(key)
	// The key is aligned rune for rune with the text.
	i := strings.Index(key, "dak lak")
	runes := len([]rune(key[:i]))
	fmt.Println(string([]rune(text)[runes : runes+7]))
	// Output:
	// bo doi bien phong tinh dak lak
	// Đắk Lắk
}

func ExampleDecode() {
	// "Khánh Hòa" in windows-1258: the tone marks are combining characters.
	body := []byte("Kha\xecnh Ho\xcca")
	d, err := normalize.Decode(body, "text/html; charset=windows-1258")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Text, d.Charset, d.Source, d.Invalid)

	_, err = normalize.Decode(body, "text/html; charset=x-unknown")
	fmt.Println(err)
	// Output:
	// Khánh Hòa windows-1258 header 0
	// normalize: unknown charset "x-unknown" (from header)
}

func ExampleDetectLegacy() {
	// An old government page in a TCVN3 (.VnTime) font, read as windows-1252.
	s := "Khèi thi ®ua Néi chÝnh tØnh Kh¸nh Hßa"
	l := normalize.DetectLegacy(s)
	fmt.Println(l, normalize.FromLegacy(s, l))
	// Output:
	// tcvn3 Khối thi đua Nội chính tỉnh Khánh Hòa
}

func ExampleLookupAbbrev() {
	a, ok := normalize.LookupAbbrev("BDBP")
	fmt.Println(ok, a.Short, a.Expansion, a.Unit)
	// Output:
	// true BĐBP Bộ đội Biên phòng border-guard
}

func ExampleTransformer() {
	// Decode windows-1258 and normalize in one stream.
	body := strings.NewReader("Toa\xcc  a\xecn nh\xe2n d\xe2n")
	r := transform.NewReader(body, transform.Chain(charmap.Windows1258.NewDecoder(), normalize.Transformer()))
	out, err := io.ReadAll(r)
	fmt.Println(string(out), err)
	// Output:
	// Tòa án nhân dân <nil>
}

func ExampleIsOpenQuote() {
	for _, r := range "“Đoàn kết”" {
		if normalize.IsOpenQuote(r) && !normalize.IsCloseQuote(r) {
			fmt.Println("opens:", string(r))
		}
		if normalize.IsCloseQuote(r) && !normalize.IsOpenQuote(r) {
			fmt.Println("closes:", string(r))
		}
	}
	// Output:
	// opens: “
	// closes: ”
}
