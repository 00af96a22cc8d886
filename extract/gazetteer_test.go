package extract

import "testing"

func TestProvincesTable(t *testing.T) {
	if len(Provinces) != 63 {
		t.Errorf("Provinces has %d entries, want 63", len(Provinces))
	}
	if len(Provinces2025) != 34 {
		t.Errorf("Provinces2025 has %d entries, want 34", len(Provinces2025))
	}
	after := map[string]bool{}
	for _, n := range Provinces2025 {
		after[n] = true
	}
	for _, p := range Provinces {
		if !after[p.After2025] {
			t.Errorf("%s: After2025 %q is not one of the 34 units", p.Name, p.After2025)
		}
	}
}

func TestProvinceFromHost(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"https://baonghean.vn/khoi-thi-dua-85917.html", "Nghệ An"},
		{"https://baobinhduong.vn/soi-noi-a284262.html", "Bình Dương"},
		{"https://congan.hatinh.gov.vn/bai-viet/x.caht", "Hà Tĩnh"},
		{"https://thads.moj.gov.vn/quangbinh/noidung/tintuc/Lists/x.aspx?ItemID=42", "Quảng Bình"},
		{"https://thads.moj.gov.vn/noidung/tintuc/lists/tintudiaphuong/view_detail.aspx?itemid=2474", ""},
		{"http://baonamdinh.vn/channel/5083/202002/x/", "Nam Định"},
		{"https://baohanam.com.vn/chinh-tri/x.html", "Hà Nam"},
		{"https://vksbinhdinh.gov.vn/newsdetail.asp?newsID=92975", "Bình Định"},
		{"https://kontumtv.vn/tin-tuc/x", "Kon Tum"},
		{"https://baodongkhoi.vn/117-don-vi-a58277.html", "Bến Tre"},
		{"http://congan.hochiminhcity.gov.vn/wps/portal/Home", "Hồ Chí Minh"},
		{"https://www.thanhtravietnam.vn/xa-hoi/x", ""},
		{"https://baoninhthuan.com.vn/news/x.htm", "Ninh Thuận"},
	} {
		t.Run(tc.url, func(t *testing.T) {
			if got := ProvinceFromHost(tc.url); got != tc.want {
				t.Errorf("ProvinceFromHost(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
}

func TestResolveUnit(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"Biên phòng", UnitBorderGuard},
		{"bien phong", UnitBorderGuard},
		{"BĐBP", UnitBorderGuard},
		{"border-guard", UnitBorderGuard},
		{"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", UnitBorderGuard},
		{"VKSND", UnitProcuracy},
		{"vien kiem sat", UnitProcuracy},
		{"Tòa án", UnitCourt},
		{"toa an", UnitCourt},
		{"Công an", UnitPolice},
		{"thi hành án", UnitEnforcement},
		{"Bộ CHQS tỉnh", UnitMilitary},
	} {
		t.Run(tc.q, func(t *testing.T) {
			if got, ok := ResolveUnit(tc.q); !ok || got != tc.want {
				t.Errorf("ResolveUnit(%q) = %q, %v; want %q", tc.q, got, ok, tc.want)
			}
		})
	}
}

func TestUnitOf(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Tiểu đoàn Cảnh sát Cơ động số 2 (Bộ Công an)", UnitMobilePolice},
		{"Bộ Chỉ huy Bộ đội Biên phòng tỉnh", UnitBorderGuard},
		{"Bộ Chỉ huy quân sự tỉnh", UnitMilitary},
		{"Viện KSND tỉnh", UnitProcuracy},
		{"Trại giam Kim Sơn", UnitPrison},
		{"Cục Thi hành án tỉnh", UnitEnforcement},
		{"Chi cục Thi hành án dân sự huyện Khánh Sơn", UnitEnforcement},
		{"Hạt kiểm lâm", UnitOther},
		{"Sở Ngoại vụ", UnitOther},
		{"Văn phòng Đoàn ĐBQH và HĐND tỉnh", UnitNADelegation},
		{"Ban Nội chính Tỉnh ủy", UnitPartyInternalAffairs},
		{"Thanh tra tỉnh", UnitInspectorate},
		{"Toà án nhân dân tỉnh", UnitCourt},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := UnitOf(tc.name); got != tc.want {
				t.Errorf("UnitOf(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}
