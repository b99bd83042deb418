// Stands in for `npm:@base44/sdk` when the example functions run locally under the e2e
// gateway: entities and integrations answer with canned data, nothing leaves the machine.
const entity = new Proxy({}, {
  get: () => ({
    create: async (data: Record<string, unknown>) => ({ id: "rec_1", ...data }),
    get: async (id: string) => (id === "missing" ? null : { id }),
    update: async (id: string, data: Record<string, unknown>) => ({ id, ...data }),
    delete: async (id: string) => ({ id }),
    filter: async () => [{ id: "rec_1" }, { id: "rec_2" }],
    list: async () => [],
  }),
});

function client() {
  return {
    auth: { me: async () => ({ email: "user@example.com", role: "admin" }) },
    entities: entity,
    integrations: {
      Core: {
        SendEmail: async () => ({ ok: true }),
        UploadFile: async () => ({ file_url: "https://files.example/upload" }),
      },
    },
  };
}

export function createClientFromRequest(_req: Request) {
  return { ...client(), asServiceRole: client() };
}

export const createClient = createClientFromRequest;
