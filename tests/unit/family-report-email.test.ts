// Emailing the family report (decision 038): what a failed send tells the
// person sending, by the error nodemailer reports.
import { describe, expect, it, vi } from "vitest";

vi.mock("@/server/pdf/family-report", () => ({ renderFamilyReportPdf: vi.fn(), familyReportFileName: vi.fn() }));
const { sendFailure } = await import("@/server/family-report/email");

const server = { host: "smtp.lakeside.k12.test", port: 587 };
const failure = (code: string) => sendFailure(Object.assign(new Error("boom"), { code }), server, "grace@example.org");

describe("sendFailure", () => {
  it("names the server when it cannot be reached, and says nothing was sent or recorded", () => {
    for (const code of ["ECONNECTION", "ETIMEDOUT", "EDNS", "ESOCKET"]) {
      expect(failure(code)).toMatchObject({ code: "UNAVAILABLE", message: expect.stringMatching(/^The district's email server \(smtp\.lakeside\.k12\.test:587\) could not be reached\. The report was not sent and no disclosure was recorded\./) });
    }
  });

  it("tells a refused sign-in, a missing TLS offer and a refused address apart", () => {
    expect(failure("EAUTH").message).toMatch(/refused the app's sign-in/);
    expect(failure("ETLS").message).toMatch(/did not offer a secure connection/);
    expect(failure("EENVELOPE")).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { email: ["The email server refused grace@example.org. Check the address."] } });
  });

  it("logs anything else with a reference the message gives", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = failure("ESTRANGE");
    expect(e.message).toMatch(/^The email could not be sent \(reference [0-9a-f]{8}\)\. The report was not sent and no disclosure was recorded\.$/);
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});
