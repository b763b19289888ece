-- dim_region has exactly one 'unresolved' member, '000000', and dim_agency its agency.
select 'dim_region' as model, count(*) as members
from {{ ref('dim_region') }}
where is_unresolved
having count(*) <> 1

union all

select 'dim_agency', count(*)
from {{ ref('dim_agency') }}
where is_unresolved and region_code = '{{ var("unresolved_region_code") }}'
having count(*) <> 1
