package testsite

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"
)

// serveCalendar answers the calendar trap: for any date in its "ngay"
// parameter (YYYY-MM-DD, today's fixed 2024-01-01 when absent or invalid) a
// page "Các tin đã đưa ngày ..." links to the previous and the next day, for
// ever, as the date archives of SharePoint portals do. A crawler must bound
// it. The pages are deterministic, so they get stable ETags.
func (s *Server) serveCalendar(w http.ResponseWriter, r *http.Request, host, prefix string) {
	day, err := time.Parse("2006-01-02", r.URL.Query().Get("ngay"))
	if err != nil {
		day = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	link := func(d time.Time) string {
		return prefix + "?ngay=" + d.Format("2006-01-02")
	}
	prev, next := day.AddDate(0, 0, -1), day.AddDate(0, 0, 1)
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>Các tin đã đưa ngày %s</title></head>
<body>
<div id="s4-ribbonrow"><a href="#mainContent">Skip Ribbon Commands</a> <a href="/_layouts/15/Authenticate.aspx">Sign In</a></div>
<div class="calendar">
<h2>Các tin đã đưa ngày: %s</h2>
<p>Không có tin nào trong ngày này.</p>
<a class="prev" href="%s">« Ngày trước</a> | <a class="next" href="%s">Ngày sau »</a>
<table class="ms-calendar"><tr>`,
		day.Format("02/01/2006"), day.Format("02/01/2006"),
		html.EscapeString(link(prev)), html.EscapeString(link(next)))
	for i := range 7 {
		d := day.AddDate(0, 0, i-3)
		fmt.Fprintf(&b, `<td><a href="%s">%d</a></td>`, html.EscapeString(link(d)), d.Day())
	}
	b.WriteString("</tr></table>\n</div>\n</body></html>\n")
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Last-Modified", DefaultLastModified)
	s.serveBody(w, r, host, []byte(b.String()), h, "")
}
