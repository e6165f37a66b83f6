package proxmox

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	pve "github.com/luthermonson/go-proxmox"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
)

// Control starts, stops or restarts the LXC guest containerID (its vmid) on
// the node machineID ("node/<node>") and waits for Proxmox's task to end.
// Starting a running guest or stopping a stopped one does nothing;
// restarting a stopped one starts it. A guest that has left the node since
// (migrated, or moved by HA off a failed node) is found on its current node
// through /cluster/resources and controlled there, as long as the node
// named is still part of the cluster.
func (p *Provider) Control(ctx context.Context, machineID, containerID string, action provider.Action) error {
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

	ct, nodeName, err := p.container(ctx, nodeName, vmid)
	if err != nil {
		return err
	}

	running := ct.Status == "running"
	var (
		verb string
		run  func(context.Context) (*pve.Task, error)
	)
	switch {
	case action == provider.Start && running, action == provider.Stop && !running:
		return nil
	case action == provider.Start, action == provider.Restart && !running:
		verb, run = "start", ct.Start
	case action == provider.Stop:
		verb, run = "stop", ct.Stop
	default:
		verb, run = "reboot", ct.Reboot
	}
	op := fmt.Sprintf("%s CT %d on %s", verb, vmid, nodeName)
	var task *pve.Task
	if _, err := p.act(ctx, op, func(ctx context.Context) error {
		var err error
		task, err = run(ctx)
		return err
	}); err != nil {
		return err
	}
	if task == nil {
		return &callError{op: op, detail: "no task id", err: fmt.Errorf("%w: Proxmox returned no task id", provider.ErrBadResponse)}
	}
	return p.wait(ctx, task, op)
}

// container reads the LXC guest vmid on nodeName. When that fails for any
// reason but the token's (the guest is not there, the node does not
// answer), it looks the guest up in /cluster/resources and, if it now runs
// on another node of the cluster, reads it there; it returns the node it
// read the guest on. Otherwise the first failure stands.
func (p *Provider) container(ctx context.Context, nodeName string, vmid int) (*pve.Container, string, error) {
	ct, err := p.readContainer(ctx, nodeName, vmid)
	if err == nil || errors.Is(err, provider.ErrUnauthorized) || errors.Is(err, provider.ErrForbidden) || ctx.Err() != nil {
		return ct, nodeName, err
	}
	rs, _, rerr := p.resources(ctx)
	if rerr != nil {
		return nil, nodeName, err
	}
	var member bool
	var current string
	for _, r := range rs {
		switch {
		case r.Type == "node" && cmp.Or(r.Node, strings.TrimPrefix(r.ID, "node/")) == nodeName:
			member = true
		case r.Type == "lxc" && r.VMID == uint64(vmid):
			current = r.Node
		}
	}
	if !member || current == "" || current == nodeName {
		return nil, nodeName, err
	}
	ct, err = p.readContainer(ctx, current, vmid)
	return ct, current, err
}

func (p *Provider) readContainer(ctx context.Context, nodeName string, vmid int) (*pve.Container, error) {
	node := new(pve.Node).New(p.client, nodeName)
	var ct *pve.Container
	_, err := p.call(ctx, fmt.Sprintf("read CT %d on %s", vmid, nodeName), func(ctx context.Context) error {
		var err error
		ct, err = node.Container(ctx, vmid)
		return err
	})
	return ct, err
}

// wait polls the task's status until it ends. go-proxmox's Task.Wait
// sleeps without watching the context, hence the loop here.
func (p *Provider) wait(ctx context.Context, task *pve.Task, op string) error {
	ctx, cancel := context.WithTimeout(ctx, taskWaitLimit)
	defer cancel()
	delay := taskPollFirst
	for {
		if _, err := p.call(ctx, op+": read task status", task.Ping); err != nil {
			return err
		}
		if task.Status != pve.TaskRunning {
			exit := task.ExitStatus
			if exit == "OK" || strings.HasPrefix(exit, "WARNINGS") {
				return nil
			}
			if exit == "" {
				exit = "no exit status"
			}
			ce := &callError{op: op, detail: exit, err: fmt.Errorf("task %s failed: %s", task.UPID, exit)}
			if missing(exit) {
				ce.err = fmt.Errorf("%w: %s", provider.ErrNotFound, exit)
			}
			return ce
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("proxmox: %s: task %s still running: %w", op, task.UPID, ctx.Err())
		case <-t.C:
		}
		delay = min(2*delay, taskPollMax)
	}
}
