

def test_a_project_nobody_takes_part_in_leaves_its_whole_cost_short_in_pounds_and_pence():
    result = allocate("x", "equal", [line(100)], [])
    assert result.lines[0].shares == () and result.partners == ()
    assert (result.total_cost, result.total_charged, result.total_shortfall) == (D(100), D(0), D(100))
    # money stays Decimal even when there is nothing to add up
    assert all(isinstance(x, D) for x in (result.total_cost, result.total_charged, result.total_shortfall))
