// Tells the parent of scheduler-kill.test.ts, as it happens, which bot process just moved a daily
// post one step on, so it can SIGKILL that process right there. Row triggers in the test's own
// schema (installed by the test, never by a migration) NOTIFY on a per-schema channel at commit:
//   claimed       – a claim row was inserted (owner = the claimer)
//   taken-over    – a stale claim changed owner (fence + 1); `from`: the state it was taken from,
//                   `prev`: the previous owner
//   posting       – the fencing check passed, the holder is about to call the core
//   round-stored  – the core stored the daily round (owner = the claim's holder), before posting it
//   message-saved – the core saved the posted message's reference on the round
//   posted / unknown / missed / failed / skipped – the claim settled
import pg from 'pg';

export interface ProbeEvent {
  step: string;
  owner: string;
  /** `channel_key|local_date` */
  key: string;
  /** For taken-over: the state it was taken from and the previous owner. */
  from?: string | null;
  prev?: string | null;
}

export interface KillProbe {
  close(): Promise<void>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function installKillProbe(url: string, schema: string, onEvent: (e: ProbeEvent) => void): Promise<KillProbe> {
  const channel = `kill_probe_${schema}`.slice(0, 63);
  const s = ident(schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`
    create or replace function ${s}.kill_probe() returns trigger language plpgsql as $$
    declare
      holder text;
      step text;
    begin
      if TG_TABLE_NAME = 'schedule_daily_claims' then
        if TG_OP = 'INSERT' then
          step := 'claimed';
        elsif NEW.fence <> OLD.fence then
          step := 'taken-over';
        elsif NEW.state is distinct from OLD.state then
          step := NEW.state;
        else
          return null;
        end if;
        perform pg_notify('${channel}', json_build_object('step', step, 'owner', NEW.owner,
          'key', NEW.channel_key || '|' || NEW.local_date, 'from', case when TG_OP = 'UPDATE' then OLD.state end,
          'prev', case when TG_OP = 'UPDATE' then OLD.owner end)::text);
      elsif NEW.kind = 'daily' then
        if TG_OP = 'INSERT' then
          step := 'round-stored';
        elsif NEW.message_ref is not null and NEW.message_ref is distinct from OLD.message_ref then
          step := 'message-saved';
        else
          return null;
        end if;
        select c.owner into holder from ${s}.schedule_daily_claims c
          where c.channel_key = NEW.channel_key and c.local_date = NEW.daily_date::text;
        perform pg_notify('${channel}', json_build_object('step', step, 'owner', holder,
          'key', NEW.channel_key || '|' || NEW.daily_date::text)::text);
      end if;
      return null;
    end $$;
    drop trigger if exists kill_probe on ${s}.schedule_daily_claims;
    create trigger kill_probe after insert or update on ${s}.schedule_daily_claims for each row execute function ${s}.kill_probe();
    drop trigger if exists kill_probe on ${s}.rounds;
    create trigger kill_probe after insert or update on ${s}.rounds for each row execute function ${s}.kill_probe();
  `);
  client.on('notification', (msg) => {
    if (msg.channel !== channel || !msg.payload) return;
    onEvent(JSON.parse(msg.payload) as ProbeEvent);
  });
  client.on('error', () => {});
  await client.query(`listen ${ident(channel)}`);
  return { close: () => client.end().catch(() => {}) };
}
