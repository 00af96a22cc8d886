package extract

import (
	"slices"
	"testing"
)

// TestRules runs the field rules on short articles written in the ways the
// issue lists (counts, abbreviations, straight quotes, January reviews,
// post-2025 events, TP.HCM, passing mentions, hard-wrapped lines), each
// checking the fields it is about.
func TestRules(t *testing.T) {
	type want struct {
		relevant       bool
		province, date string
		year, count    int
		units          []string
		complete       bool
		leader, deputy string
		theme          string
		awards         []string // kind/recipient_unit/status
		events         []string
	}
	for _, tc := range []struct {
		name string
		doc  Document
		want want
	}{
		{"abbreviations, count, roles, straight quotes", Document{Text: "Khối thi đua Nội chính tỉnh Thanh Hóa ký kết giao ước thi đua năm 2017\n\nSáng ngày 15/3/2017, tại Hội trường Công an tỉnh, Khối thi đua Nội chính tỉnh Thanh Hóa tổ chức hội nghị ký kết giao ước thi đua năm 2017. Khối gồm 08 đơn vị thành viên: Công an tỉnh, Bộ CHQS tỉnh, BĐBP tỉnh, VKSND tỉnh, TAND tỉnh, Sở Tư pháp, Cục THADS tỉnh và Thanh tra tỉnh. Công an tỉnh làm Trưởng khối năm 2017, Bộ Chỉ huy Bộ đội Biên phòng tỉnh làm Khối phó. Khối đã phát động phong trào thi đua năm 2017 với chủ đề \"Kỷ cương, trách nhiệm, hiệu quả\"."},
			want{relevant: true, province: "Thanh Hóa", date: "2017-03-15", year: 2017, count: 8, complete: true,
				units:  []string{UnitPolice, UnitMilitary, UnitBorderGuard, UnitProcuracy, UnitCourt, UnitJustice, UnitEnforcement, UnitInspectorate},
				leader: UnitPolice, deputy: UnitBorderGuard, theme: "Kỷ cương, trách nhiệm, hiệu quả", events: []string{EventSigning, EventLaunch}}},
		{"January review of the past year, proposed awards", Document{Text: "Khối Nội chính Phú Yên tổng kết năm 2020\n\n10/01/2021 08:00\n\nChiều 8/1, Khối thi đua Nội chính tỉnh Phú Yên tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2020. Tại hội nghị, Công an tỉnh và Viện Kiểm sát nhân dân tỉnh được đề nghị UBND tỉnh tặng Cờ thi đua xuất sắc năm 2020; Sở Tư pháp được tặng Bằng khen của Chủ tịch UBND tỉnh."},
			want{relevant: true, province: "Phú Yên", date: "2021-01-08", year: 2020,
				units:  []string{UnitPolice, UnitProcuracy, UnitJustice},
				awards: []string{"province-flag/police/proposed", "province-flag/procuracy/proposed", "province-merit/justice/proposed"}, events: []string{EventReview}}},
		{"after the 2025 merger the old name becomes the new province", Document{Text: "Ngày 20/8/2025, Khối thi đua các cơ quan Nội chính tỉnh Bình Định tổ chức sơ kết 6 tháng đầu năm 2025. Hội nghị do Cục Thi hành án dân sự tỉnh, đơn vị Khối trưởng chủ trì."},
			want{relevant: true, province: "Gia Lai", date: "2025-08-20", year: 2025, units: []string{UnitEnforcement}, leader: UnitEnforcement, events: []string{EventReview}}},
		{"TP.HCM and an unclosed theme", Document{Text: "Sáng 24/2, Khối thi đua các cơ quan Nội chính TP.HCM đã tổ chức ký kết giao ước thi đua năm 2023 với chủ đề “Đoàn kết, sáng tạo, kỷ cương, trách nhiệm. Khối gồm các đơn vị: Công an TP, Bộ Tư lệnh TP, VKSND TP, TAND TP, Cục THADS TP, Thanh tra TP, Sở Tư pháp."},
			want{relevant: true, province: "Hồ Chí Minh", date: "2023-02-24", year: 2023, complete: true,
				units: []string{UnitPolice, UnitMilitary, UnitProcuracy, UnitCourt, UnitEnforcement, UnitInspectorate, UnitJustice},
				theme: "Đoàn kết, sáng tạo, kỷ cương, trách nhiệm", events: []string{EventSigning}}},
		{"a passing mention is not about the bloc", Document{URL: "https://baoquangbinh.vn/x-123.html", Text: "Công an tỉnh tổ chức hội nghị tổng kết công tác năm 2022. Dịp này, Công an tỉnh được Khối thi đua Nội chính suy tôn là đơn vị dẫn đầu. Lực lượng Công an tỉnh quyết tâm hoàn thành xuất sắc nhiệm vụ năm 2023."},
			want{relevant: false}},
		{"a period and an anniversary do not date the event", Document{Text: "Hưởng ứng đợt thi đua từ ngày 15/2 đến ngày 30/4/2019 và kỷ niệm ngày 19/8, ngày 5/3/2019, Khối thi đua Nội chính tỉnh Tây Ninh tổ chức hội nghị sơ kết quý I năm 2019."},
			want{relevant: true, province: "Tây Ninh", date: "2019-03-05", year: 2019, events: []string{EventReview}}},
		{"a numbered bloc of state-management departments is another bloc", Document{Text: "Sáng 3/3, Khối thi đua số 5 tỉnh Hòa Bình gồm các đơn vị: Sở Tài chính, Sở Kế hoạch và Đầu tư, Sở Tư pháp, Thanh tra tỉnh, Sở Nội vụ, Kho bạc Nhà nước tỉnh tổ chức ký giao ước thi đua năm 2020. Dự có đại diện Công an tỉnh."},
			want{relevant: false}},
		{"a stated count without a list; issuer before the award", Document{Text: "Sáng 12/3, Khối thi đua Nội chính tỉnh Lào Cai tổ chức hội nghị ký kết giao ước thi đua năm 2019. Tham dự hội nghị có đại diện lãnh đạo của 08 đơn vị thành viên Khối. Hội nghị bầu Công an tỉnh làm Khối trưởng, Sở Tư pháp làm Khối phó năm 2019. Nhân dịp này, Viện Kiểm sát nhân dân tỉnh được tặng Cờ thi đua của Bộ Công an; Tòa án nhân dân tỉnh được Thủ tướng Chính phủ tặng Bằng khen."},
			want{relevant: true, province: "Lào Cai", date: "2019-03-12", year: 2019, count: 8,
				units: []string{UnitPolice, UnitJustice, UnitProcuracy, UnitCourt}, leader: UnitPolice, deputy: UnitJustice,
				awards: []string{"ministry-flag/procuracy/conferred", "pm-merit/court/conferred"}, events: []string{EventSigning}}},
		{"a hard-wrapped list and theme", Document{Text: "Khối thi đua Nội chính tỉnh Sơn La ký giao ước thi đua năm 2022\n\nSáng 10/3, Khối thi đua Nội chính tỉnh Sơn La gồm 8 đơn vị: Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy\nBộ đội Biên phòng tỉnh, Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh, Sở Tư pháp, Cục\nthi hành án dân sự tỉnh và Thanh tra tỉnh đã tổ chức hội nghị ký kết giao ước thi đua năm 2022 với chủ đề “Kỷ cương, trách nhiệm,\nhiệu quả”."},
			want{relevant: true, province: "Sơn La", date: "2022-03-10", year: 2022, count: 8, complete: true,
				units: []string{UnitPolice, UnitMilitary, UnitBorderGuard, UnitProcuracy, UnitCourt, UnitJustice, UnitEnforcement, UnitInspectorate},
				theme: "Kỷ cương, trách nhiệm, hiệu quả", events: []string{EventSigning}}},
		{"a lower-case 'các cơ quan' name and a sentence opening with a date", Document{Text: "15/1/2020, tại Công an tỉnh, Khối các cơ quan nội chính tỉnh Hưng Yên tổ chức hội nghị tổng kết công tác thi đua năm 2019."},
			want{relevant: true, province: "Hưng Yên", date: "2020-01-15", year: 2019, units: []string{UnitPolice}, events: []string{EventReview}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract(tc.doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			r, w := res.Record, tc.want
			if r.Relevant != w.relevant {
				t.Fatalf("relevant = %v, want %v", r.Relevant, w.relevant)
			}
			if !w.relevant {
				return
			}
			var units, awards []string
			for _, m := range r.Members {
				units = append(units, m.Unit)
			}
			for _, a := range r.Awards {
				awards = append(awards, a.Kind+"/"+a.RecipientUnit+"/"+a.Status)
			}
			check := func(field string, got, want any) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %v, want %v", field, got, want)
				}
			}
			check("province", r.Province, w.province)
			check("event_date", r.EventDate, w.date)
			check("year", r.Year, w.year)
			check("member_count", r.MemberCount, w.count)
			check("members_complete", r.MembersComplete, w.complete)
			check("leader", r.Leader, w.leader)
			check("deputy", r.Deputy, w.deputy)
			check("theme", r.Theme, w.theme)
			if !slices.Equal(units, w.units) {
				t.Errorf("members = %v, want %v", units, w.units)
			}
			if !slices.Equal(awards, w.awards) {
				t.Errorf("awards = %v, want %v", awards, w.awards)
			}
			if !slices.Equal(r.EventTypes, w.events) {
				t.Errorf("event_types = %v, want %v", r.EventTypes, w.events)
			}
		})
	}
}
