import type { ComponentType } from 'react';
import {
  AimOutlined, AlignLeftOutlined, ApartmentOutlined, BarcodeOutlined, CalculatorOutlined, CalendarOutlined, CheckCircleOutlined,
  CheckSquareOutlined, ClockCircleOutlined, ClusterOutlined, DownSquareOutlined, EnvironmentOutlined, FieldTimeOutlined,
  FileSearchOutlined, FileTextOutlined, FolderOutlined, FontSizeOutlined, FunctionOutlined, HighlightOutlined, IdcardOutlined,
  InfoCircleOutlined, LinkOutlined, MailOutlined, MinusOutlined, NodeIndexOutlined, NumberOutlined, PaperClipOutlined,
  PayCircleOutlined, PercentageOutlined, PhoneOutlined, PictureOutlined, ScheduleOutlined, StarOutlined, SwapOutlined,
  TableOutlined, TeamOutlined, TransactionOutlined, UnorderedListOutlined, UserOutlined,
} from '@ant-design/icons';
import type { FieldType } from '@platform/schema';

const ICONS: Record<FieldType, ComponentType> = {
  text: FontSizeOutlined, textarea: AlignLeftOutlined, richText: FileTextOutlined, number: NumberOutlined, money: PayCircleOutlined,
  moneyInWords: TransactionOutlined, percent: PercentageOutlined, date: CalendarOutlined, datetime: FieldTimeOutlined,
  dateRange: ScheduleOutlined, time: ClockCircleOutlined, radio: CheckCircleOutlined, checkbox: CheckSquareOutlined,
  select: DownSquareOutlined, multiSelect: UnorderedListOutlined, cascader: ApartmentOutlined, switch: SwapOutlined,
  rating: StarOutlined, member: UserOutlined, members: TeamOutlined, department: ClusterOutlined, departments: ClusterOutlined,
  address: EnvironmentOutlined, location: AimOutlined, image: PictureOutlined, attachment: PaperClipOutlined,
  signature: HighlightOutlined, phone: PhoneOutlined, email: MailOutlined, idNumber: IdcardOutlined, url: LinkOutlined,
  serialNumber: BarcodeOutlined, subForm: TableOutlined, relation: NodeIndexOutlined, lookup: FileSearchOutlined,
  rollup: CalculatorOutlined, formula: FunctionOutlined, divider: MinusOutlined, description: InfoCircleOutlined, tabs: FolderOutlined,
};

/** The palette's and the canvas's icon of a field type. */
export function FieldTypeIcon({ type }: { type: FieldType }) {
  const Icon = ICONS[type] ?? FontSizeOutlined;
  return <Icon />;
}
