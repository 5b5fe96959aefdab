/**
 * The parts of echarts the dashboard uses, registered once. Imported lazily by the score chart,
 * so echarts is only fetched with the first chart; naming the parts keeps the rest out.
 */
import { LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export { echarts };
