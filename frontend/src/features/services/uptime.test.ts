import { create } from "@bufbuild/protobuf";
import { UptimeDaySchema } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { describe, expect, it } from "vitest";
import { dayLabel, formatAvailability, uptimeBars } from "./uptime";

describe("uptime", () => {
  it("writes the availability with two decimals, never rounded up to 100 %", () => {
    expect(formatAvailability(0.9987, "en")).toBe("99.87 %");
    expect(formatAvailability(0.9987, "de")).toBe("99,87 %");
    expect(formatAvailability(0.99999, "en")).toBe("99.99 %");
    expect(formatAvailability(1, "en")).toBe("100.00 %");
    expect(formatAvailability(0, "en")).toBe("0.00 %");
  });

  it("shows a dash where nothing was measured", () => {
    expect(formatAvailability(undefined, "en")).toBe("—");
  });

  it("names the server's UTC day, whatever the browser's zone", () => {
    expect(dayLabel("2026-03-01", "en")).toBe("1 Mar");
    expect(dayLabel("2026-03-01", "de")).toBe("1. März");
    expect(dayLabel("not a day", "en")).toBe("not a day");
  });

  it("stacks a day's seconds as hours", () => {
    const [bar] = uptimeBars(
      [
        create(UptimeDaySchema, {
          date: "2026-03-10",
          onlineSeconds: 72000n,
          disruptionSeconds: 3600n,
          incidentSeconds: 1800n,
          unmeasuredSeconds: 9000n,
          availability: 72000 / 77400,
        }),
        create(UptimeDaySchema, { date: "2026-03-11", unmeasuredSeconds: 86400n }),
      ],
      "en",
    );
    expect(bar).toMatchObject({
      date: "2026-03-10",
      online: 20,
      disruption: 1,
      incident: 0.5,
      unmeasured: 2.5,
    });
    expect(bar!.online + bar!.disruption + bar!.incident + bar!.unmeasured).toBe(24);
  });
});
