package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/thidua/thidua/normalize"
)

// goldDir holds the annotated articles (../shared/gold from the repository).
const goldDir = "../../shared/gold"

// goldDoc is one scraped article of the gold files, with what its gold
// record says about the page.
type goldDoc struct {
	ID, URL, Text    string
	Relevant         bool
	Title, Published string
}

// readGold reads every *.docs.jsonl of goldDir with its *.gold.jsonl.
func readGold(t testing.TB) []goldDoc {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(goldDir, "*.docs.jsonl"))
	if len(files) == 0 {
		t.Skipf("no gold documents under %s", goldDir)
	}
	var docs []goldDoc
	for _, f := range files {
		gold := map[string]goldDoc{}
		scan(t, strings.TrimSuffix(f, ".docs.jsonl")+".gold.jsonl", func(b []byte) {
			var g struct {
				ID        string  `json:"id"`
				Relevant  bool    `json:"relevant"`
				Title     *string `json:"title"`
				Published *string `json:"published"`
			}
			if err := json.Unmarshal(b, &g); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			d := goldDoc{ID: g.ID, Relevant: g.Relevant}
			if g.Title != nil {
				d.Title = *g.Title
			}
			if g.Published != nil {
				d.Published = *g.Published
			}
			gold[g.ID] = d
		})
		scan(t, f, func(b []byte) {
			var d struct{ ID, URL, Text string }
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			g := gold[d.ID]
			g.ID, g.URL, g.Text = d.ID, d.URL, d.Text
			docs = append(docs, g)
		})
	}
	return docs
}

func scan(t testing.TB, path string, line func([]byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return
		}
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<24)
	for s.Scan() {
		if len(strings.TrimSpace(s.Text())) > 0 {
			line(s.Bytes())
		}
	}
	if err := s.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// knownChrome are lines of site chrome copied from the gold texts; none may
// stay in Text.
var knownChrome = []string{
	"Sign In", "Skip Ribbon Commands", "Các tin đã đưa ngày:", "CÁC BÀI LIÊN QUAN", "Cùng chuyên mục",
	"Đọc thêm", "Quay lên trên", "intNumViewTotal=220", "reset captcha", "Gửi bình luận Nhập lại",
	"Gửi bình luận", "Ý kiến bạn đọc - Gửi bình luận", "Chia sẻ bài viết", "15 trả lời",
	"Bài viết hay? Hãy đánh giá bài viết", "• Quan tâm nhiều nhất", "• Mới nhất",
	"Số lượt truy cập:1,333,796 lượt", "Số người online:912 người", "9497 lượt xem", "1955 lượt xem",
	"leftcenterrightdel", "Truy cập nội dung luôn", "qc-top", "Trở về 1 2 3 4 5 Tiếp", "BÌNH LUẬN",
	"(0) Bình luận", "- In ra", "- Đóng cửa sổ này", "Gửi file đính kèm không quá 10MB Đính kèm File",
}

// knownTitleMisses are relevant gold articles whose title ParseText does not
// find, with the reason.
var knownTitleMisses = map[string]string{
	"p021": "a podcast page: the gold title is the second line, under the channel name, with no break after it",
}

func TestParseTextGold(t *testing.T) {
	docs := readGold(t)
	chrome := map[string]bool{}
	for _, c := range knownChrome {
		chrome[c] = true
	}
	for _, d := range docs {
		t.Run(d.ID, func(t *testing.T) {
			p := ParseText(d.Text)
			if !utf8.ValidString(p.Text) || normalize.String(p.Text) != p.Text {
				t.Errorf("Text is not normalized UTF-8")
			}
			for _, l := range strings.Split(p.Text, "\n") {
				if chrome[l] || strings.HasPrefix(l, "©") || strings.HasPrefix(l, "date 20") {
					t.Errorf("Text keeps chrome line %q", l)
				}
				low := strings.ToLower(l)
				if strings.HasSuffix(low, ".jpg") || strings.HasSuffix(low, ".png") {
					t.Errorf("Text keeps file-name line %q", l)
				}
			}
			for _, c := range p.Captions {
				if strings.Contains(p.Text, c) && len(c) > 20 {
					t.Errorf("caption also in Text: %q", c)
				}
			}
			if !validPublished(p.Published) {
				t.Errorf("Published = %q, not RFC 3339 or a date", p.Published)
			}
			if got := PublishedFromText(d.Text); got != p.Published {
				t.Errorf("PublishedFromText = %q, ParseText.Published = %q", got, p.Published)
			}
			// Nothing but chrome goes: the text keeps most of the input.
			in, out := utf8.RuneCountInString(d.Text), utf8.RuneCountInString(p.Text+p.Title+p.Footer+strings.Join(p.Captions, ""))
			if out < in*6/10 {
				t.Errorf("kept %d of %d runes", out, in)
			}
			if !d.Relevant {
				return
			}
			if p.Published != d.Published {
				t.Errorf("Published = %q, gold %q", p.Published, d.Published)
			}
			if why, ok := knownTitleMisses[d.ID]; ok {
				t.Logf("title not checked: %s", why)
			} else if p.Title != d.Title {
				t.Errorf("Title = %q, gold %q", p.Title, d.Title)
			}
		})
	}
}

func validPublished(s string) bool {
	if s == "" {
		return true
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	t, err := time.Parse(time.RFC3339, s)
	return err == nil && strings.HasSuffix(s, "+07:00") && t.Year() > 1990
}

// TestParseTextSeeds checks what the brief says of the seed articles.
func TestParseTextSeeds(t *testing.T) {
	docs := map[string]goldDoc{}
	for _, d := range readGold(t) {
		docs[d.ID] = d
	}
	for _, tc := range []struct {
		id, published string
		inText        []string // must stay in Text
		inCaptions    []string // must be in Captions and not in Text
		inFooter      []string
		lastLine      string // Text's last line
	}{
		{id: "seed-002", published: "",
			inText:   []string{"Ngày 06/01/2021, tại Trại giam Kim Sơn", "Nguyễn Minh Chung"},
			inFooter: []string{"© Viện kiểm sát nhân dân tỉnh Bình Định thiết kế và giữ bản quyền"},
			lastLine: "Nguyễn Minh Chung"},
		{id: "seed-003", published: "2024-03-19T17:01:00+07:00",
			inCaptions: []string{"Các đồng chí Uỷ viên BCH Đảng bộ tỉnh: Hoàng Thị Thu Trang - Giám đốc Sở Tư pháp; Chu Thế Huyền - Chánh Thanh tra tỉnh chủ trì Hội nghị. Ảnh: KL",
				"Các đơn vị trong Khối Nội chính- Lực lượng vũ trang quyết tâm hoàn thành xuất sắc mọi nhiệm vụ được giao. Ảnh: KL"},
			inText:   []string{"(Baonghean.vn) - Chiều ngày 19/3"},
			lastLine: "Khánh Ly"},
		{id: "seed-004", published: "2018-03-27", lastLine: "Nông Thúy Quỳnh."},
		{id: "seed-001", inText: []string{"(PLVN) - "}},
		{id: "n001", published: "2022-11-17T08:56:50+07:00", lastLine: "T.VĂN"},
		{id: "n043", inText: []string{"(BTĐKT) Ngày 29.5.2015"}},
		{id: "n049", published: "2022-03-01"},
		{id: "n018", published: "", inText: []string{"* Sáng 26/12, tại TP.Vinh"}},
		{id: "n044", lastLine: "Theo đó sthực hiện có hiệu quả Chỉ thị, Nghị quyết, Chương trình, Kế hoạch của Trung ương và Thành ph; thực hiện hiệu quả Nghị quyết Đại hội Đảng bộ thành phố Hà Nội khoá XVIII; Tăng ờng giải pháp, biện pháp thực hiện các cuộc vận động, các phong trào thi đua do Trung ương, Thành phphát động; Thực hiện tốt công tác phối hợp giữa các cơ quan Đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể; Phát huy sáng kiến, sáng tạo, đổi mới lề lối làm việc."},
		{id: "n011", lastLine: "Vũ Long - Bá Trung"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			d, ok := docs[tc.id]
			if !ok {
				t.Skipf("%s not in the gold files", tc.id)
			}
			p := ParseText(d.Text)
			if p.Published != tc.published {
				t.Errorf("Published = %q, want %q", p.Published, tc.published)
			}
			for _, s := range tc.inText {
				if !strings.Contains(p.Text, normalize.String(s)) {
					t.Errorf("Text lacks %q", s)
				}
			}
			for _, s := range tc.inCaptions {
				s = normalize.String(s)
				if !containsString(p.Captions, s) {
					t.Errorf("Captions lack %q (have %q)", s, p.Captions)
				}
				if strings.Contains(p.Text, s) {
					t.Errorf("Text holds caption %q", s)
				}
			}
			for _, s := range tc.inFooter {
				if !strings.Contains(p.Footer, normalize.String(s)) {
					t.Errorf("Footer = %q, lacks %q", p.Footer, s)
				}
			}
			if tc.lastLine != "" {
				lines := strings.Split(p.Text, "\n")
				if got := lines[len(lines)-1]; got != normalize.String(tc.lastLine) {
					t.Errorf("last line of Text = %q, want %q", got, tc.lastLine)
				}
			}
		})
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestClassifyLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want lineKind
	}{
		{"Sign In", lineChrome},
		{"Skip Ribbon Commands", lineChrome},
		{"intNumViewTotal=220", lineChrome},
		{"9497 lượt xem", lineChrome},
		{"77", lineChrome},
		{"Đường dây nóng: 0983449277 - 0913303903 - 0912325336Chủ nhật, 08/09/2024 07:07 GMT+7", lineChrome},
		{"Home | Nội chính - Tư pháp | Kết thúc hoạt động của Tòa án", lineChrome},
		{"CÁC BÀI LIÊN QUAN", lineTrailer},
		{"Cùng chuyên mục", lineTrailer},
		{"Các tin đã đưa ngày:", lineTrailer},
		{"Số lượt truy cập:1,333,796 lượt", lineTrailer},
		{"(0) Bình luận", lineTrailer},
		{"Ý kiến bạn đọc - Gửi bình luận", lineTrailer},
		{"© Viện kiểm sát nhân dân tỉnh Bình Định thiết kế và giữ bản quyền", lineFooter},
		{"IMG_0528.JPG", lineFileName},
		{"Đại diện các đơn vị tronh khói nội chính ksy giao ước thi đua.JPG", lineFileName},
		{"KHOI THI DUA SO 9 (2).jpg", lineFileName},
		{"5bfe81ae455714ba58001422", lineFileName},
		{"leftcenterrightdel", lineFileName},
		{"ThiDua KhThuong NChinh 0401", lineFileName},
		{"Năm 2024", lineBody},
		{"khoi_cac_co_quan_noi_chinh_ky_giao_uoc_thi_dua(1)", lineFileName},
		{"Toàn cảnh Lễ kỷ niệm, gặp mặt. Ảnh: Thành Duy", lineCaption},
		{"Quy trình sản xuất đông lạnh tôm theo quy chuẩn xuất khẩu nước ngoài. (Ảnh: Thanh Vân/TTXVN)", lineCaption},
		{"Đại diện các đơn vị trong Khối thi đua 20 ký Giao ước thi đua năm 2026. Ảnh VATM", lineCaption},
		{"Bài và ảnh: Văn Trọng", lineBody},
		{"Ngày 06/01/2021, tại Trại giam Kim Sơn, Khối Thi đua Nội chính tổ chức Hội nghị.", lineBody},
		{"Khánh Ly", lineBody},
		{"Đọc thêm các văn bản của Khối, các đơn vị thống nhất kế hoạch.", lineBody},
		{"Năm 2021, hội nghị chụp ảnh lưu niệm.", lineBody},
	} {
		t.Run(tc.line, func(t *testing.T) {
			if got := classifyLine(normalize.String(tc.line)); got != tc.want {
				t.Errorf("classifyLine(%q) = %d, want %d", tc.line, got, tc.want)
			}
		})
	}
}

// TestClassifyLineKey checks that a long line's folded head holds every
// prefix rule, and that classifying a line does not allocate.
func TestClassifyLineKey(t *testing.T) {
	for _, list := range [][]string{footerPrefixes[:], chromePrefixes[:], trailerPrefixes[:]} {
		for _, p := range list {
			if len(p) > maxPrefixBytes {
				t.Errorf("prefix %q is longer than maxPrefixBytes (%d)", p, maxPrefixBytes)
			}
		}
	}
	long := "Chiều 21/3, tại Sở Tư pháp tỉnh Cao Bằng đã diễn ra Hội nghị phát động và ký kết giao ước thi đua năm 2018 của Khối thi đua các cơ quan Nội chính tỉnh Cao Bằng."
	for _, line := range []string{"CÁC BÀI LIÊN QUAN", "(0) Bình luận", "Toàn cảnh hội nghị. Ảnh: Thành Duy", long, "- • " + long} {
		if n := testing.AllocsPerRun(10, func() { classifyLine(line) }); n != 0 {
			t.Errorf("classifyLine(%.20q...) allocates %.0f times", line, n)
		}
	}
}

func TestCleanLinesTrailer(t *testing.T) {
	body := strings.Repeat("Khối thi đua Nội chính tổ chức hội nghị tổng kết năm 2020 tại tỉnh. ", 5)
	for _, tc := range []struct {
		name, in, text, footer string
	}{
		{"related list at the end is cut",
			body + "\n\nCÁC BÀI LIÊN QUAN\n\nBài một\n\nBài hai", body, ""},
		{"read-more near the top is only dropped",
			"Đọc thêm\n" + body + "\n\nĐoạn cuối.", "" + body + "\n\nĐoạn cuối.", ""},
		{"footer after the cut goes to Footer",
			body + "\nSố lượt truy cập:1 lượt\n© Sở Tư pháp tỉnh Nghệ An\nĐịa chỉ: Vinh", body, "© Sở Tư pháp tỉnh Nghệ An\nĐịa chỉ: Vinh"},
		{"caption after a file name",
			body + "\nIMG_1.JPG\nToàn cảnh hội nghị\n" + body, body + "\n" + body, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cleanLines(newTextLines(tc.in), nil)
			if c.text != strings.TrimSpace(normalize.String(tc.text)) {
				t.Errorf("text = %q\nwant %q", c.text, tc.text)
			}
			if got := strings.Join(c.footer, "\n"); got != tc.footer {
				t.Errorf("footer = %q, want %q", got, tc.footer)
			}
		})
	}
}

// FuzzLastPhotoWord checks lastPhotoWord's byte walk against LastIndex.
func FuzzLastPhotoWord(f *testing.F) {
	for _, s := range []string{"", "Ảnh", "ảnh: KL", "Bài và ảnh: X. Ảnh VATM", "ẢẢnh", "\xba\xa2nh", "Ản", "Cảnh sát (Ảnh: TTXVN)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := max(strings.LastIndex(s, "Ảnh"), strings.LastIndex(s, "ảnh"))
		if got := lastPhotoWord(s); got != want {
			t.Fatalf("lastPhotoWord(%q) = %d, want %d", s, got, want)
		}
	})
}
