package proxmox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Control starts, stops or restarts the LXC guest containerID (its vmid) on
// the node machineID ("node/<node>") and waits for Proxmox's task to end.
// Starting a running guest or stopping a stopped one does nothing;
// restarting a stopped one starts it. A guest that has left the node since
// (migrated, or moved by HA off a failed node) is found on its current node
// through /cluster/resources and controlled there, as long as the node
// named is still part of the cluster. A monitoring-only connection
// controls nothing.
func (p *Provider) Control(ctx context.Context, machineID, containerID string, action provider.Action) error {
	if p.monitoringOnly {
		return fmt.Errorf("proxmox: %w: the connection is monitoring-only, so Leitstand does not start or stop guests through it; "+
			"to control containers, clear monitoring-only and give its token VM.PowerMgmt", provider.ErrForbidden)
	}
	nodeName, ok := strings.CutPrefix(machineID, "node/")
	if !ok || nodeName == "" || strings.Contains(nodeName, "/") {
		return fmt.Errorf("proxmox: %w: %q is not a Proxmox node (node/<name>), and only nodes run containers", provider.ErrNotFound, machineID)
	}
	vmid, err := strconv.Atoi(containerID)
	if err != nil || vmid <= 0 {
		return fmt.Errorf("proxmox: %w: %q is not the vmid of an LXC guest", provider.ErrNotFound, containerID)
	}
	switch action {
	case provider.Start, provider.Stop, provider.Restart:
	default:
		return fmt.Errorf("proxmox: unsupported action %q", action)
	}

	status, nodeName, err := p.container(ctx, nodeName, vmid)
	if err != nil {
		return err
	}

	running := status == "running"
	var verb string
	switch {
	case action == provider.Start && running, action == provider.Stop && !running:
		return nil
	case action == provider.Start, action == provider.Restart && !running:
		verb = "start"
	case action == provider.Stop:
		verb = "stop"
	default:
		verb = "reboot"
	}
	op := fmt.Sprintf("%s CT %d on %s", verb, vmid, nodeName)
	var upid text
	ex, err := p.act(ctx, op, func(ctx context.Context) error {
		return p.client.Post(ctx, fmt.Sprintf("/nodes/%s/lxc/%d/status/%s", nodeName, vmid, verb), nil, &upid)
	})
	if err != nil {
		return err
	}
	node, ok := taskNode(string(upid))
	if !ok {
		return badAnswer(op, ex, "no task id")
	}
	return p.wait(ctx, node, string(upid), op)
}

// taskNode is the node a task runs on, from its UPID
// ("UPID:<node>:<pid>:<pstart>:<starttime>:<type>:<id>:<user>:").
func taskNode(upid string) (string, bool) {
	parts := strings.Split(upid, ":")
	if len(parts) < 8 || parts[0] != "UPID" || parts[1] == "" {
		return "", false
	}
	return parts[1], true
}

// container reads the status of the LXC guest vmid on nodeName. When that
// fails for any reason but the token's (the guest is not there, the node
// does not answer), it looks the guest up in /cluster/resources and, if it
// now runs on another node of the cluster, reads it there; it returns the
// node it read the guest on. Otherwise the first failure stands.
func (p *Provider) container(ctx context.Context, nodeName string, vmid int) (string, string, error) {
	status, err := p.readContainer(ctx, nodeName, vmid)
	if err == nil || errors.Is(err, provider.ErrUnauthorized) || errors.Is(err, provider.ErrForbidden) || ctx.Err() != nil {
		return status, nodeName, err
	}
	rs, _, _, rerr := p.resources(ctx)
	if rerr != nil {
		return "", nodeName, err
	}
	var member bool
	var current string
	for i := range rs {
		r := &rs[i]
		switch {
		case r.Type == "node" && r.nodeName() == nodeName:
			member = true
		case r.Type == "lxc" && r.vmid() == uint64(vmid):
			current = string(r.Node)
		}
	}
	if !member || current == "" || current == nodeName {
		return "", nodeName, err
	}
	status, err = p.readContainer(ctx, current, vmid)
	return status, current, err
}

// readContainer reads an LXC guest's status ("running", "stopped"). Only
// the status is decoded: the rest of status/current carries figures such
// as "cpus": "0.5" that control does not need.
func (p *Provider) readContainer(ctx context.Context, nodeName string, vmid int) (string, error) {
	op := fmt.Sprintf("read CT %d on %s", vmid, nodeName)
	var raw json.RawMessage
	ex, err := p.call(ctx, op, func(ctx context.Context) error {
		return p.client.Get(ctx, fmt.Sprintf("/nodes/%s/lxc/%d/status/current", nodeName, vmid), &raw)
	})
	if err != nil {
		return "", err
	}
	var st ctStatus
	bad, err := decode(raw, &st)
	switch {
	case err != nil:
		return "", badAnswer(op, ex, fmt.Sprintf("CT %d on %s: its status is %s", vmid, nodeName, shorten(raw)))
	case len(bad) > 0:
		return "", badAnswer(op, ex, fmt.Sprintf("CT %d on %s: %s", vmid, nodeName, strings.Join(bad, ", ")))
	case st.Status == "":
		return "", badAnswer(op, ex, fmt.Sprintf("CT %d on %s: no status", vmid, nodeName))
	}
	return string(st.Status), nil
}

// wait polls the task's status until it ends, backing off; go-proxmox's
// Task.Wait sleeps without watching the context.
func (p *Provider) wait(ctx context.Context, node, upid, op string) error {
	ctx, cancel := context.WithTimeout(ctx, taskWaitLimit)
	defer cancel()
	path := fmt.Sprintf("/nodes/%s/tasks/%s/status", node, upid)
	delay := taskPollFirst
	for {
		var st taskStatus
		if _, err := p.call(ctx, op+": read task status", func(ctx context.Context) error {
			return p.client.Get(ctx, path, &st)
		}); err != nil {
			return err
		}
		if st.Status != "running" {
			exit := string(st.ExitStatus)
			if exit == "OK" || strings.HasPrefix(exit, "WARNINGS") {
				return nil
			}
			if exit == "" {
				exit = "no exit status"
			}
			ce := &callError{op: op, detail: exit, err: fmt.Errorf("task %s failed: %s", upid, exit)}
			if missing(exit) {
				ce.err = fmt.Errorf("%w: %s", provider.ErrNotFound, exit)
			}
			return ce
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("proxmox: %s: task %s still running: %w", op, upid, ctx.Err())
		case <-t.C:
		}
		delay = min(2*delay, taskPollMax)
	}
}
