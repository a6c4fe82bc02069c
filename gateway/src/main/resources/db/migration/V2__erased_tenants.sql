-- Tenants that were erased (DELETE /api/v1/tenants/{id}?confirm=true): only the id and when, so
-- erasing one again answers what is left to erase (nothing) rather than "no such tenant", while
-- an id that never existed stays a 404. The tenant's name and keys are gone with it.
create table erased_tenant (
    id          varchar(36) primary key,
    erased_at   timestamp(6) with time zone not null
);
