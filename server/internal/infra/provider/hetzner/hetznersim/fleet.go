package hetznersim

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// The catalogue below mirrors what the Hetzner Cloud API reports for these
// locations, server types and images closely enough that a client cannot
// tell; prices and ids are plausible, not authoritative.

type location struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Country     string  `json:"country"`
	City        string  `json:"city"`
	Latitude    float64 `json:"latitude"`
	Longitude   float64 `json:"longitude"`
	NetworkZone string  `json:"network_zone"`
}

var locations = []*location{
	{ID: 1, Name: "fsn1", Description: "Falkenstein DC Park 1", Country: "DE", City: "Falkenstein", Latitude: 50.47612, Longitude: 12.370071, NetworkZone: "eu-central"},
	{ID: 2, Name: "nbg1", Description: "Nuremberg DC Park 1", Country: "DE", City: "Nuremberg", Latitude: 49.452102, Longitude: 11.076665, NetworkZone: "eu-central"},
	{ID: 3, Name: "hel1", Description: "Helsinki DC Park 1", Country: "FI", City: "Helsinki", Latitude: 60.169855, Longitude: 24.938379, NetworkZone: "eu-central"},
}

// Falkenstein is the biggest site, Helsinki the smallest.
var locationWeights = []int{45, 35, 20}

type price struct {
	Net   string `json:"net"`
	Gross string `json:"gross"`
}

type serverTypePrice struct {
	Location          string `json:"location"`
	PriceHourly       price  `json:"price_hourly"`
	PriceMonthly      price  `json:"price_monthly"`
	IncludedTraffic   uint64 `json:"included_traffic"`
	PricePerTBTraffic price  `json:"price_per_tb_traffic"`
}

type serverTypeLocation struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Deprecation *struct {
		Announced        string `json:"announced"`
		UnavailableAfter string `json:"unavailable_after"`
	} `json:"deprecation"`
	Available   bool `json:"available"`
	Recommended bool `json:"recommended"`
}

type serverType struct {
	ID              int64                `json:"id"`
	Name            string               `json:"name"`
	Description     string               `json:"description"`
	Category        string               `json:"category"`
	Cores           int                  `json:"cores"`
	Memory          float64              `json:"memory"`
	Disk            int                  `json:"disk"`
	Deprecated      bool                 `json:"deprecated"`
	Deprecation     *struct{}            `json:"deprecation"`
	Prices          []serverTypePrice    `json:"prices"`
	StorageType     string               `json:"storage_type"`
	CPUType         string               `json:"cpu_type"`
	Architecture    string               `json:"architecture"`
	IncludedTraffic int64                `json:"included_traffic"`
	Locations       []serverTypeLocation `json:"locations"`
}

// includedTraffic is the 20 TB a server in the EU locations includes.
const includedTraffic = 20 << 40

func newServerType(id int64, name, desc, category string, cores int, memGB float64, diskGB int, cpuType, arch string, monthly float64) *serverType {
	t := &serverType{
		ID: id, Name: name, Description: desc, Category: category,
		Cores: cores, Memory: memGB, Disk: diskGB,
		StorageType: "local", CPUType: cpuType, Architecture: arch,
	}
	hourly := monthly / 730 * 1.15 // hourly billing costs a little more than the monthly cap
	for _, l := range locations {
		t.Prices = append(t.Prices, serverTypePrice{
			Location:          l.Name,
			PriceHourly:       price{Net: fmt.Sprintf("%.10f", hourly), Gross: fmt.Sprintf("%.10f", hourly*1.19)},
			PriceMonthly:      price{Net: fmt.Sprintf("%.10f", monthly), Gross: fmt.Sprintf("%.10f", monthly*1.19)},
			IncludedTraffic:   includedTraffic,
			PricePerTBTraffic: price{Net: "1.0000000000", Gross: "1.1900000000"},
		})
		t.Locations = append(t.Locations, serverTypeLocation{ID: l.ID, Name: l.Name, Available: true, Recommended: true})
	}
	return t
}

var (
	typeCX22  = newServerType(104, "cx22", "CX22", "cost_optimized", 2, 4, 40, "shared", "x86", 3.79)
	typeCPX31 = newServerType(24, "cpx31", "CPX 31", "regular_purpose", 4, 8, 160, "shared", "x86", 13.10)
	typeCCX23 = newServerType(97, "ccx23", "CCX23 Dedicated CPU", "general_purpose", 4, 16, 160, "dedicated", "x86", 24.49)
	typeCAX21 = newServerType(93, "cax21", "CAX21", "cost_optimized", 4, 8, 80, "shared", "arm", 6.49)
)

type image struct {
	ID           int64             `json:"id"`
	Type         string            `json:"type"`
	Status       string            `json:"status"`
	Name         string            `json:"name"`
	Description  string            `json:"description"`
	ImageSize    *float64          `json:"image_size"`
	DiskSize     float64           `json:"disk_size"`
	Created      string            `json:"created"`
	CreatedFrom  *struct{}         `json:"created_from"`
	BoundTo      *int64            `json:"bound_to"`
	OSFlavor     string            `json:"os_flavor"`
	OSVersion    string            `json:"os_version"`
	RapidDeploy  bool              `json:"rapid_deploy"`
	Protection   imageProtection   `json:"protection"`
	Deprecated   *string           `json:"deprecated"`
	Deprecation  *struct{}         `json:"deprecation"`
	Deleted      *string           `json:"deleted"`
	Labels       map[string]string `json:"labels"`
	Architecture string            `json:"architecture"`
}

type imageProtection struct {
	Delete bool `json:"delete"`
}

func newImage(id int64, name, desc, flavor, version, created, arch string) *image {
	return &image{
		ID: id, Type: "system", Status: "available", Name: name, Description: desc,
		DiskSize: 5, Created: created, OSFlavor: flavor, OSVersion: version,
		RapidDeploy: true, Labels: map[string]string{}, Architecture: arch,
	}
}

var images = map[string][]*image{
	"x86": {
		newImage(161547269, "ubuntu-24.04", "Ubuntu 24.04", "ubuntu", "24.04", "2024-04-25T12:11:07+00:00", "x86"),
		newImage(114690387, "debian-12", "Debian 12", "debian", "12", "2023-06-13T06:00:02+00:00", "x86"),
	},
	"arm": {
		newImage(161547270, "ubuntu-24.04", "Ubuntu 24.04", "ubuntu", "24.04", "2024-04-25T12:11:09+00:00", "arm"),
		newImage(114690389, "debian-12", "Debian 12", "debian", "12", "2023-06-13T06:00:04+00:00", "arm"),
	},
}

// role is what a server does; it decides its name, its server types and
// how its figures behave.
type role struct {
	name   string
	weight int
	types  []*serverType
	// outRatio is how much more a server of this role sends than receives.
	outRatio float64
}

var roles = []role{
	{"web", 28, []*serverType{typeCX22, typeCPX31, typeCAX21}, 3.5},
	{"app", 14, []*serverType{typeCPX31, typeCCX23, typeCAX21}, 1.4},
	{"k8s", 12, []*serverType{typeCPX31, typeCAX21, typeCCX23}, 1.2},
	{"db", 10, []*serverType{typeCCX23, typeCCX23, typeCPX31}, 0.8},
	{"cache", 6, []*serverType{typeCAX21, typeCPX31}, 1.1},
	{"mail", 5, []*serverType{typeCX22, typeCPX31}, 0.9},
	{"lb", 4, []*serverType{typeCX22, typeCAX21}, 1.0},
	{"ci", 4, []*serverType{typeCCX23, typeCPX31}, 0.3},
	{"mon", 3, []*serverType{typeCPX31, typeCX22}, 0.2},
	{"backup", 3, []*serverType{typeCX22, typeCAX21}, 0.1},
	{"git", 3, []*serverType{typeCPX31}, 1.6},
	{"vpn", 2, []*serverType{typeCX22}, 1.0},
	{"dns", 2, []*serverType{typeCX22, typeCAX21}, 1.0},
	{"s3gw", 2, []*serverType{typeCAX21}, 1.8},
	{"mq", 2, []*serverType{typeCPX31}, 1.0},
}

// server is one simulated server. It is immutable once built: a change
// replaces it with a copy, so readers holding the old one stay consistent.
type server struct {
	id      int64
	name    string
	status  string
	created time.Time
	role    *role
	typ     *serverType
	loc     *location
	img     *image
	labels  map[string]string
	ipv4    string // empty: an IPv6-only server
	ipv4ID  int64
	ipv6Net string
	ipv6ID  int64
	privIP  string
	mac     string
	traffic uint64

	// Figures: CPU in percent of the whole server, bandwidth in bytes/s.
	cpuBase, cpuAmp float64
	netIn, outRatio float64
	diskBW          float64
	phase           float64 // shifts the daily curve by up to an hour or two

	raw json.RawMessage // the server's JSON as the API sends it
}

// privateNetworkID is the one private network every simulated server is in.
const privateNetworkID = 4711001

func buildFleet(seed int64, n int) []*server {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x4865747a6e6572)) //nolint:gosec // figures, not secrets

	// Documentation addresses are scarce (three /24s), so servers past the
	// pool, and some by choice, are IPv6-only, as many real projects are.
	var pool []string
	for _, p := range []string{"203.0.113.", "198.51.100.", "192.0.2."} {
		for host := 2; host <= 254; host++ {
			pool = append(pool, fmt.Sprintf("%s%d", p, host))
		}
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })

	roleTotal := 0
	for _, r := range roles {
		roleTotal += r.weight
	}
	counters := map[string]int{}
	epoch := time.Date(2023, 1, 9, 8, 0, 0, 0, time.UTC)
	id := int64(41_000_000 + rng.IntN(9_000_000))
	servers := make([]*server, 0, n)
	for i := range n {
		id += 1 + int64(rng.IntN(40))
		r := &roles[pick(rng, roleTotal, func(k int) (int, bool) {
			if k < len(roles) {
				return roles[k].weight, true
			}
			return 0, false
		})]
		loc := locations[pick(rng, 100, func(k int) (int, bool) {
			if k < len(locationWeights) {
				return locationWeights[k], true
			}
			return 0, false
		})]
		key := r.name + "-" + loc.Name
		counters[key]++
		typ := r.types[rng.IntN(len(r.types))]
		imgs := images[typ.Architecture]
		img := imgs[0]
		if rng.IntN(10) < 3 {
			img = imgs[1]
		}
		env := "prod"
		if rng.IntN(100) < 15 {
			env = "staging"
		}
		s := &server{
			id:       id,
			name:     fmt.Sprintf("%s-%s-%02d", r.name, loc.Name, counters[key]),
			status:   "running",
			created:  epoch.Add(time.Duration(rng.IntN(900*24*3600)) * time.Second),
			role:     r,
			typ:      typ,
			loc:      loc,
			img:      img,
			labels:   map[string]string{"role": r.name, "env": env},
			ipv6Net:  fmt.Sprintf("2001:db8:%x:%x::/64", 0x1000+i/0x10000, i%0x10000),
			ipv6ID:   90_000_000 + int64(i)*2 + 1,
			privIP:   fmt.Sprintf("10.%d.%d.%d", i/(250*250), (i/250)%250, i%250+2),
			mac:      fmt.Sprintf("86:00:00:%02x:%02x:%02x", (i>>16)&0xff, (i>>8)&0xff, i&0xff),
			traffic:  uint64(rng.Int64N(2 << 40)),
			outRatio: r.outRatio * (0.7 + 0.6*rng.Float64()),
			phase:    rng.Float64()*3 - 1.5,
		}
		if len(pool) > 0 && rng.IntN(100) >= 10 {
			s.ipv4, pool = pool[0], pool[1:]
			s.ipv4ID = 90_000_000 + int64(i)*2
		}
		if rng.IntN(100) < 7 {
			s.status = "off"
		}
		// A few servers run hot so dashboards have warnings to show.
		if rng.IntN(100) < 5 {
			s.cpuBase = 62 + 8*rng.Float64()
			s.cpuAmp = 10 + 8*rng.Float64()
		} else {
			s.cpuBase = 3 + 20*rng.Float64()
			s.cpuAmp = 5 + 30*rng.Float64()
		}
		s.netIn = 20e3 * math.Pow(400, rng.Float64()) // 20 kB/s … 8 MB/s, log-uniform
		s.diskBW = 50e3 * math.Pow(300, rng.Float64())
		s.render()
		servers = append(servers, s)
	}
	return servers
}

// pick draws an index with probability proportional to its weight.
func pick(rng *rand.Rand, total int, weight func(int) (int, bool)) int {
	x := rng.IntN(total)
	for k := 0; ; k++ {
		w, ok := weight(k)
		if !ok {
			return k - 1
		}
		if x < w {
			return k
		}
		x -= w
	}
}

// Wire shapes of a server as GET /servers answers it (the datacenter
// property is gone since the API removed it in July 2026).
type (
	wireServer struct {
		ID              int64             `json:"id"`
		Name            string            `json:"name"`
		Status          string            `json:"status"`
		Created         string            `json:"created"`
		PublicNet       wirePublicNet     `json:"public_net"`
		PrivateNet      []wirePrivateNet  `json:"private_net"`
		ServerType      *serverType       `json:"server_type"`
		Location        *location         `json:"location"`
		Image           *image            `json:"image"`
		ISO             *struct{}         `json:"iso"`
		RescueEnabled   bool              `json:"rescue_enabled"`
		Locked          bool              `json:"locked"`
		BackupWindow    *string           `json:"backup_window"`
		OutgoingTraffic *uint64           `json:"outgoing_traffic"`
		IngoingTraffic  *uint64           `json:"ingoing_traffic"`
		IncludedTraffic uint64            `json:"included_traffic"`
		Protection      wireProtection    `json:"protection"`
		Labels          map[string]string `json:"labels"`
		Volumes         []int64           `json:"volumes"`
		LoadBalancers   []int64           `json:"load_balancers"`
		PrimaryDiskSize int               `json:"primary_disk_size"`
		PlacementGroup  *struct{}         `json:"placement_group"`
	}
	wireProtection struct {
		Delete  bool `json:"delete"`
		Rebuild bool `json:"rebuild"`
	}
	wirePublicNet struct {
		IPv4        *wireIPv4      `json:"ipv4"`
		IPv6        *wireIPv6      `json:"ipv6"`
		FloatingIPs []int64        `json:"floating_ips"`
		Firewalls   []wireFirewall `json:"firewalls"`
	}
	wireIPv4 struct {
		ID      int64  `json:"id"`
		IP      string `json:"ip"`
		Blocked bool   `json:"blocked"`
		DNSPtr  string `json:"dns_ptr"`
	}
	wireIPv6 struct {
		ID      int64        `json:"id"`
		IP      string       `json:"ip"`
		Blocked bool         `json:"blocked"`
		DNSPtr  []wireDNSPtr `json:"dns_ptr"`
	}
	wireDNSPtr struct {
		IP     string `json:"ip"`
		DNSPtr string `json:"dns_ptr"`
	}
	wireFirewall struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	wirePrivateNet struct {
		Network    int64    `json:"network"`
		IP         string   `json:"ip"`
		AliasIPs   []string `json:"alias_ips"`
		MACAddress string   `json:"mac_address"`
	}
)

// timeFormat is how the API writes timestamps: RFC 3339 with a numeric
// offset rather than Z.
const timeFormat = "2006-01-02T15:04:05-07:00"

func (s *server) render() {
	out := s.traffic
	in := s.traffic / 4
	w := wireServer{
		ID:      s.id,
		Name:    s.name,
		Status:  s.status,
		Created: s.created.UTC().Format(timeFormat),
		PublicNet: wirePublicNet{
			IPv6:        &wireIPv6{ID: s.ipv6ID, IP: s.ipv6Net, DNSPtr: []wireDNSPtr{}},
			FloatingIPs: []int64{},
			Firewalls:   []wireFirewall{{ID: 1_200_000 + s.loc.ID, Status: "applied"}},
		},
		PrivateNet:      []wirePrivateNet{{Network: privateNetworkID, IP: s.privIP, AliasIPs: []string{}, MACAddress: s.mac}},
		ServerType:      s.typ,
		Location:        s.loc,
		Image:           s.img,
		OutgoingTraffic: &out,
		IngoingTraffic:  &in,
		IncludedTraffic: includedTraffic,
		Protection:      wireProtection{Delete: s.labels["env"] == "prod", Rebuild: s.labels["env"] == "prod"},
		Labels:          s.labels,
		Volumes:         []int64{},
		LoadBalancers:   []int64{},
		PrimaryDiskSize: s.typ.Disk,
	}
	if s.ipv4 != "" {
		w.PublicNet.IPv4 = &wireIPv4{ID: s.ipv4ID, IP: s.ipv4, DNSPtr: reverseName(s.ipv4)}
	}
	raw, err := json.Marshal(w)
	if err != nil {
		panic(err) // the shapes above always marshal
	}
	s.raw = raw
}

// reverseName is the reverse DNS name Hetzner gives an address by default.
func reverseName(ip string) string {
	var a, b, c, d int
	_, _ = fmt.Sscanf(ip, "%d.%d.%d.%d", &a, &b, &c, &d)
	return fmt.Sprintf("static.%d.%d.%d.%d.clients.your-server.de", d, c, b, a)
}
