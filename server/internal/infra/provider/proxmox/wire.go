package proxmox

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// The Proxmox VE API is written in Perl, whose JSON encoder sends a value
// as a number or as a string depending on how the program last used it:
// "maxcpu" arrives as 2, "2" or 0.5 (an LXC guest limited to half a CPU
// without a core count), "vmid" as 105 or "105", "cpus" in a container's
// status as "0.5". go-proxmox decodes such fields into fixed Go types, and
// one guest that does not fit them fails the whole answer — every guest of
// the cluster. So the adapter decodes what it reads itself, into the types
// below, which take what Proxmox sends, and one object at a time.

var errNotNumber = errors.New("not a number")

// number is a figure as Proxmox sends it: a JSON number, whole or
// fractional, or one inside a string; null and "" are 0, true and false 1
// and 0.
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	s := string(b)
	switch s {
	case "null", `""`, "false":
		*n = 0
		return nil
	case "true":
		*n = 1
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if s = strings.TrimSpace(s[1 : len(s)-1]); s == "" {
			*n = 0
			return nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return errNotNumber
	}
	*n = number(f)
	return nil
}

// uint is the figure as a count of bytes, seconds or packets: a fraction
// is dropped, a negative figure is 0.
func (n number) uint() uint64 {
	switch {
	case n <= 0:
		return 0
	case n >= math.MaxUint64:
		return math.MaxUint64
	default:
		return uint64(n)
	}
}

func (n number) int() int64 { return clamp(n.uint()) }

// clamp is a count as int64, which the provider package's figures are.
func clamp(u uint64) int64 { return int64(min(u, math.MaxInt64)) }

// cores rounds a CPU count up: a guest limited to 1.5 CPUs needs two.
func (n number) cores() int { return int(min(math.Ceil(max(float64(n), 0)), math.MaxInt32)) }

// text is a string as Proxmox sends it, also where Perl sent it as a
// number (a guest named 2024).
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0:
		return errors.New("empty value")
	case string(b) == "null":
		*t = ""
	case b[0] == '"' && bytes.IndexByte(b, '\\') < 0:
		*t = text(b[1 : len(b)-1])
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = text(s)
	case b[0] == '{' || b[0] == '[':
		return errors.New("not a string")
	default:
		*t = text(b)
	}
	return nil
}

// decode reads one object of an answer into v, a pointer to a struct of
// fields tagged with their JSON names. When the object does not decode as
// a whole it is read field by field, so a field that does not fit costs
// only itself; decode returns those fields as "<field> is <value>". It
// fails only when raw is not a JSON object.
func decode(raw json.RawMessage, v any) (bad []string, err error) {
	if err := json.Unmarshal(raw, v); err == nil {
		return nil, nil
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return nil, cmp.Or(err, errors.New("null instead of an object"))
	}
	rv := reflect.ValueOf(v).Elem()
	rv.SetZero()
	rt := rv.Type()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		value, ok := fields[name]
		if name == "" || !ok {
			continue
		}
		if err := json.Unmarshal(value, rv.Field(i).Addr().Interface()); err != nil {
			bad = append(bad, name+" is "+shorten(value))
		}
	}
	return bad, nil
}

// shorten quotes a value in a message without letting a large one take it
// over.
func shorten(raw []byte) string {
	const limit = 40
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}

// versionAnswer is /version.
type versionAnswer struct {
	Version text `json:"version"`
	Release text `json:"release"`
}

// permissions is /access/permissions: per ACL path the privileges the
// token has there, each with whether it propagates to the paths below.
type permissions map[string]map[string]number

// clusterMember is one entry of /cluster/status: the cluster itself
// (single nodes have none) or a node with its address.
type clusterMember struct {
	Type text `json:"type"`
	Name text `json:"name"`
	IP   text `json:"ip"`
}

// resource is one element of /cluster/resources: a node, a guest, a
// storage, or something the adapter does not read (an SDN zone, a pool, a
// network of Proxmox VE 9).
type resource struct {
	ID         text   `json:"id"`
	Type       text   `json:"type"`
	Node       text   `json:"node"`
	Name       text   `json:"name"`
	Status     text   `json:"status"`
	Storage    text   `json:"storage"`
	PluginType text   `json:"plugintype"`
	VMID       number `json:"vmid"`
	Template   number `json:"template"`
	Shared     number `json:"shared"`
	CPU        number `json:"cpu"`
	MaxCPU     number `json:"maxcpu"`
	Mem        number `json:"mem"`
	MaxMem     number `json:"maxmem"`
	Disk       number `json:"disk"`
	MaxDisk    number `json:"maxdisk"`
	NetIn      number `json:"netin"`
	NetOut     number `json:"netout"`
	Uptime     number `json:"uptime"`
}

// nodeName is the node a resource belongs to, or a node resource's own
// name.
func (r *resource) nodeName() string {
	if r.Type == "node" {
		return cmp.Or(string(r.Node), strings.TrimPrefix(string(r.ID), "node/"))
	}
	return string(r.Node)
}

func (r *resource) vmid() uint64 { return r.VMID.uint() }

// known tells whether the resource says what it is, which a node, guest
// or storage must for the adapter to place it.
func (r *resource) known() bool {
	switch r.Type {
	case "node":
		return r.nodeName() != ""
	case "qemu", "lxc":
		return r.vmid() > 0 && r.Node != ""
	case "storage":
		return r.Storage != "" && r.Node != ""
	default:
		return true
	}
}

// what names the resource in messages: "CT 105 on pve1", "node pve1".
func (r *resource) what() string {
	on := ""
	if n := r.nodeName(); n != "" && r.Type != "node" {
		on = " on " + n
	}
	id := string(r.ID)
	if r.vmid() > 0 {
		id = strconv.FormatUint(r.vmid(), 10)
	}
	switch r.Type {
	case "qemu":
		return "VM " + id + on
	case "lxc":
		return "CT " + id + on
	case "node":
		return "node " + r.nodeName()
	case "storage":
		return "storage " + string(r.Storage) + on
	default:
		return cmp.Or(id, "an object") + on
	}
}

// ctStatus is what Control reads of an LXC guest's status/current.
type ctStatus struct {
	Status text `json:"status"`
}

// taskStatus is what Control reads of a task's status.
type taskStatus struct {
	Status     text `json:"status"`
	ExitStatus text `json:"exitstatus"`
}

// agentInterfaces is the QEMU guest agent's network-get-interfaces.
type agentInterfaces struct {
	Result []struct {
		Name      text `json:"name"`
		Addresses []struct {
			Address text `json:"ip-address"`
		} `json:"ip-addresses"`
	} `json:"result"`
}
