-- (region, ancestor) pairs, the region itself included: the roll-up path
-- township -> county -> prefecture -> province used by mart_region_year.
select region_code, region_code as ancestor_code, region_level as ancestor_level
from {{ ref('dim_region') }}

union all

select region_code, county_code, 'county'
from {{ ref('dim_region') }}
where county_code is not null and county_code <> region_code

union all

select region_code, prefecture_code, 'prefecture'
from {{ ref('dim_region') }}
where prefecture_code is not null and prefecture_code <> region_code

union all

select region_code, province_code, 'province'
from {{ ref('dim_region') }}
where province_code is not null and province_code <> region_code
