package widgets

// MIMEBundle makes each widget show as its view when it is a cell's final
// value (package golessons/display calls it), as in ipywidgets.
func (s *IntSlider) MIMEBundle() map[string]any   { return ViewBundle(s) }
func (s *FloatSlider) MIMEBundle() map[string]any { return ViewBundle(s) }
func (p *IntProgress) MIMEBundle() map[string]any { return ViewBundle(p) }
func (p *Play) MIMEBundle() map[string]any        { return ViewBundle(p) }
func (c *Checkbox) MIMEBundle() map[string]any    { return ViewBundle(c) }
func (t *Text) MIMEBundle() map[string]any        { return ViewBundle(t) }
func (l *Label) MIMEBundle() map[string]any       { return ViewBundle(l) }
func (h *HTML) MIMEBundle() map[string]any        { return ViewBundle(h) }
func (b *Button) MIMEBundle() map[string]any      { return ViewBundle(b) }
func (d *Dropdown) MIMEBundle() map[string]any    { return ViewBundle(d) }
func (o *Output) MIMEBundle() map[string]any      { return ViewBundle(o) }
func (b *Box) MIMEBundle() map[string]any         { return ViewBundle(b) }
